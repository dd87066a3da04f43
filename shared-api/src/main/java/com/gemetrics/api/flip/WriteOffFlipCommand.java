package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Writes off everything of a flip that is not sold (lost, used or kept), which closes the
 * flip.
 *
 * @param flipId the flip
 * @param userId the caller, who must own the flip
 * @param requestedAt when the request arrived (the server's clock): the time of the
 * write-off
 */
public record WriteOffFlipCommand(@TargetAggregateIdentifier FlipId flipId, UserId userId, Instant requestedAt) {
}
