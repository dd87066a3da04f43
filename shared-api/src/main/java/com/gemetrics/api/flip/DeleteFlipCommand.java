package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deletes a flip entered by mistake: it leaves every view, its history stays in the event
 * store, and no later command finds it.
 *
 * @param flipId the flip
 * @param userId the caller, who must own the flip
 * @param requestedAt when the request arrived (the server's clock): the time of the
 * deletion
 */
public record DeleteFlipCommand(@TargetAggregateIdentifier FlipId flipId, UserId userId, Instant requestedAt) {
}
