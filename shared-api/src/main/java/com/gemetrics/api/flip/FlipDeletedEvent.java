package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that the owner deleted a flip (entered by mistake): it leaves every view, while
 * its history stays in the event store for auditors.
 *
 * @param flipId the flip
 * @param userId its owner
 * @param deletedAt when
 */
@Revision("1")
public record FlipDeletedEvent(FlipId flipId, UserId userId, Instant deletedAt) {
}
