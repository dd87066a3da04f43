package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Corrects one recorded sale of a flip (wrong quantity, price or time).
 *
 * @param flipId the flip
 * @param userId the caller, who must own the flip
 * @param saleId the sale, as {@link FlipSaleRecordedEvent} named it
 * @param quantity how many were sold
 * @param pricePerItem the price received per item before tax, in coins
 * @param soldAt when they were sold
 * @param requestedAt when the request arrived (the server's clock), so the aggregate can
 * refuse times in the future
 */
public record CorrectFlipSaleCommand(@TargetAggregateIdentifier FlipId flipId, UserId userId, String saleId,
		long quantity, long pricePerItem, Instant soldAt, Instant requestedAt) {
}
