package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a flip: an item bought in some quantity at a price per item, on one of the user's
 * OSRS accounts.
 *
 * @param flipId the new flip's id, chosen by the caller
 * @param userId the owner
 * @param account the OSRS account the item was bought on
 * @param itemId the item, known to the catalogue
 * @param quantity how many were bought
 * @param pricePerItem the price paid per item, in coins
 * @param boughtAt when they were bought
 * @param requestedAt when the request arrived (the server's clock), so the aggregate can
 * refuse times in the future
 */
public record OpenFlipCommand(@TargetAggregateIdentifier FlipId flipId, UserId userId, String account, int itemId,
		long quantity, long pricePerItem, Instant boughtAt, Instant requestedAt) {
}
