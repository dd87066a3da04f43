package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erases the user's account at their request (GDPR art. 17): the caller proved the
 * password before this is sent.
 *
 * @param userId the user
 * @param erasedAt when
 */
public record EraseAccountCommand(@TargetAggregateIdentifier UserId userId, Instant erasedAt) {
}
