package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a sale of some of the items bought in a flip.
 *
 * @param flipId the flip
 * @param userId the caller, who must own the flip
 * @param saleId the new sale's id, chosen by the caller
 * @param quantity how many were sold
 * @param pricePerItem the price received per item before tax, in coins
 * @param soldAt when they were sold
 * @param requestedAt when the request arrived (the server's clock), so the aggregate can
 * refuse times in the future
 */
public record RecordFlipSaleCommand(@TargetAggregateIdentifier FlipId flipId, UserId userId, String saleId,
		long quantity, long pricePerItem, Instant soldAt, Instant requestedAt) {
}
