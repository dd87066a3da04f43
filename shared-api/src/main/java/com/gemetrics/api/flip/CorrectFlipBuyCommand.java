package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Corrects a flip's buy (wrong quantity, price or time): the given values replace the
 * buy's figures from now on, as a new event.
 *
 * @param flipId the flip
 * @param userId the caller, who must own the flip
 * @param quantity how many were bought
 * @param pricePerItem the price paid per item, in coins
 * @param boughtAt when they were bought
 * @param requestedAt when the request arrived (the server's clock), so the aggregate can
 * refuse times in the future
 */
public record CorrectFlipBuyCommand(@TargetAggregateIdentifier FlipId flipId, UserId userId, long quantity,
		long pricePerItem, Instant boughtAt, Instant requestedAt) {
}
