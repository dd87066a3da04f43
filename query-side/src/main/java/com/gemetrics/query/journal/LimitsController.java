package com.gemetrics.query.journal;

import java.util.UUID;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.flip.BuyLimitsView;
import com.gemetrics.api.flip.ListBuyLimitsQuery;
import com.gemetrics.platform.security.Caller;
import com.gemetrics.api.user.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.gemetrics.query.journal.JournalParameters.answer;

/**
 * {@code GET /api/v1/limits}: the caller's buy-limit ledger, from the buy times of their
 * flips and each item's 4-hour limit ({@code /mapping}).
 */
@RestController
@Tag(name = "journal")
class LimitsController {

	private final QueryGateway queries;

	private final JournalConsistency consistency;

	LimitsController(QueryGateway queries, JournalConsistency consistency) {
		this.queries = queries;
		this.consistency = consistency;
	}

	@Operation(summary = "The caller's GE buy-limit ledger (authenticated)",
			description = "Per account and item bought in the last 4 hours: the item's limit, items bought in the "
					+ "window, what remains, and when the window resets (earliest buy in it + 4 h).")
	@ApiResponse(responseCode = "400", description = "INVALID_ACCOUNT, CONSISTENCY_TOKEN_INVALID",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/limits")
	ResponseEntity<BuyLimitsView> limits(@Caller UserId caller,
			@Parameter(description = "only this OSRS account") @RequestParam(required = false) String account,
			@Parameter(description = "Consistency token from a flip command") @RequestHeader(
					name = ConsistencyToken.HEADER, required = false) String tokenHeader,
			@Parameter(description = "Consistency token from a flip command") @RequestParam(
					name = JournalConsistency.PARAMETER, required = false) String tokenParameter) {
		UUID userId = caller.value();
		ListBuyLimitsQuery query = new ListBuyLimitsQuery(caller, JournalParameters.account(account));
		boolean stale = this.consistency.awaitToken(userId, tokenHeader, tokenParameter);
		return answer(this.queries.query(query, ResponseTypes.instanceOf(BuyLimitsView.class)).join(), stale);
	}

}
