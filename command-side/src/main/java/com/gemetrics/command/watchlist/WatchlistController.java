package com.gemetrics.command.watchlist;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.watchlist.WatchlistRequests.RuleResponse;
import com.gemetrics.command.watchlist.WatchlistRequests.RuleStateResponse;
import com.gemetrics.command.watchlist.WatchlistRequests.WatchItemRequest;
import com.gemetrics.command.watchlist.WatchlistRequests.WatchedItemResponse;
import com.gemetrics.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own watchlist: watch and unwatch items, pause and resume alert rules.
 * Every answer carries the consistency token in {@link ConsistencyToken#HEADER}.
 */
@RestController
@Validated
@RequestMapping("/api/v1/watchlist")
class WatchlistController {

	private static final String RULE_ID = "[A-Za-z0-9-]{1,64}";

	private final Watchlists watchlists;

	WatchlistController(Watchlists watchlists) {
		this.watchlists = watchlists;
	}

	@PutMapping("/items/{itemId}")
	ResponseEntity<WatchedItemResponse> watch(@PathVariable int itemId, @Valid @RequestBody WatchItemRequest request,
			@Caller UserId caller) {
		Watchlists.WatchResult result = this.watchlists.watch(caller, itemId, request);
		WatchedItemResponse body = new WatchedItemResponse(itemId,
				result.rules()
					.stream()
					.map((rule) -> new RuleResponse(rule.ruleId(), rule.type().name(), rule.value(), rule.active()))
					.toList(),
				result.token().toString());
		return ResponseEntity.status(result.itemAdded() ? HttpStatus.CREATED : HttpStatus.OK)
			.header(ConsistencyToken.HEADER, body.consistencyToken())
			.body(body);
	}

	@DeleteMapping("/items/{itemId}")
	ResponseEntity<Void> unwatch(@PathVariable int itemId, @Caller UserId caller) {
		ConsistencyToken token = this.watchlists.unwatch(caller, itemId);
		return ResponseEntity.noContent().header(ConsistencyToken.HEADER, token.toString()).build();
	}

	@PostMapping("/rules/{ruleId}/pause")
	ResponseEntity<RuleStateResponse> pause(@PathVariable @Pattern(regexp = RULE_ID) String ruleId,
			@Caller UserId caller) {
		return ruleState(ruleId, false, this.watchlists.pause(caller, ruleId));
	}

	@PostMapping("/rules/{ruleId}/resume")
	ResponseEntity<RuleStateResponse> resume(@PathVariable @Pattern(regexp = RULE_ID) String ruleId,
			@Caller UserId caller) {
		return ruleState(ruleId, true, this.watchlists.resume(caller, ruleId));
	}

	private static ResponseEntity<RuleStateResponse> ruleState(String ruleId, boolean active, ConsistencyToken token) {
		return ResponseEntity.ok()
			.header(ConsistencyToken.HEADER, token.toString())
			.body(new RuleStateResponse(ruleId, active, token.toString()));
	}

}
