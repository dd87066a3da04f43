package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that one recorded sale was corrected: these are its values from now on.
 *
 * @param flipId the flip
 * @param userId its owner
 * @param saleId the sale, as {@link FlipSaleRecordedEvent} named it
 * @param quantity how many were sold
 * @param pricePerItem the price received per item before tax, in coins
 * @param soldAt when they were sold
 * @param correctedAt when the correction was made
 */
@Revision("1")
public record FlipSaleCorrectedEvent(FlipId flipId, UserId userId, String saleId, long quantity, long pricePerItem,
		Instant soldAt, Instant correctedAt) {
}
