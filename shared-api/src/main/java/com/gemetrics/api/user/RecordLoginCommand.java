package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a successful login that started a session.
 *
 * @param userId the user
 * @param sessionId the session that began
 * @param loggedInAt when
 */
public record RecordLoginCommand(@TargetAggregateIdentifier UserId userId, String sessionId, Instant loggedInAt) {
}
