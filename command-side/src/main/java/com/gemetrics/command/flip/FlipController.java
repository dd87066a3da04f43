package com.gemetrics.command.flip;

import java.net.URI;
import java.util.UUID;

import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.flip.FlipRequests.CreatedResponse;
import com.gemetrics.command.flip.FlipRequests.OpenFlipRequest;
import com.gemetrics.command.flip.FlipRequests.RecordSaleRequest;
import com.gemetrics.platform.web.ApiException;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Opens flips and records their sales, for the authenticated caller only. */
@RestController
@RequestMapping("/api/v1/flips")
class FlipController {

	private final Flips flips;

	FlipController(Flips flips) {
		this.flips = flips;
	}

	@PostMapping
	ResponseEntity<CreatedResponse> open(@Valid @RequestBody OpenFlipRequest request, Authentication caller) {
		FlipId flipId = this.flips.open(userId(caller), request);
		return ResponseEntity.created(URI.create("/api/v1/flips/" + flipId))
			.body(new CreatedResponse(flipId.toString()));
	}

	@PostMapping("/{flipId}/sales")
	ResponseEntity<CreatedResponse> recordSale(@PathVariable UUID flipId, @Valid @RequestBody RecordSaleRequest request,
			Authentication caller) {
		String saleId = this.flips.recordSale(userId(caller), new FlipId(flipId), request);
		return ResponseEntity.created(URI.create("/api/v1/flips/" + flipId + "/sales/" + saleId))
			.body(new CreatedResponse(saleId));
	}

	private static UserId userId(Authentication caller) {
		if (caller == null || !caller.isAuthenticated()) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Log in first.");
		}
		try {
			return UserId.of(caller.getName());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Log in first.");
		}
	}

}
