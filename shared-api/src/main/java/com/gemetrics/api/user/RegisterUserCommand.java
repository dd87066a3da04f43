package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a new user. The e-mail address is claimed (unique, case-insensitive) in the
 * same transaction; the password never travels in a command.
 *
 * @param userId the new user's id, chosen by the caller
 * @param email the address as entered, NFC-normalized
 * @param displayName the display name, NFC-normalized and trimmed
 * @param registeredAt when
 */
public record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, String email, String displayName,
		Instant registeredAt) {
}
