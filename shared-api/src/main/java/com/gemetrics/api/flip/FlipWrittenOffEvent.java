package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that the unsold rest of a flip was written off (lost, used or kept): it counts
 * as sold for nothing, and the flip is closed.
 *
 * @param flipId the flip
 * @param userId its owner
 * @param quantity how many items were written off (everything not sold)
 * @param writtenOffAt when
 */
@Revision("1")
public record FlipWrittenOffEvent(FlipId flipId, UserId userId, long quantity, Instant writtenOffAt) {
}
