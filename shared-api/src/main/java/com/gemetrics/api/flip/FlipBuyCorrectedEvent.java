package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a flip's buy was corrected: these are its values from now on (a correction
 * never rewrites the {@link FlipOpenedEvent}, it supersedes its figures).
 *
 * @param flipId the flip
 * @param userId its owner
 * @param quantity how many were bought
 * @param pricePerItem the price paid per item, in coins
 * @param boughtAt when they were bought
 * @param correctedAt when the correction was made
 */
@Revision("1")
public record FlipBuyCorrectedEvent(FlipId flipId, UserId userId, long quantity, long pricePerItem, Instant boughtAt,
		Instant correctedAt) {
}
