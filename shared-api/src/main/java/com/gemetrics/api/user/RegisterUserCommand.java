package com.gemetrics.api.user;

import java.time.Instant;

import com.gemetrics.api.privacy.EncryptedValue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a new user. The e-mail address is claimed (unique, case-insensitive) in the
 * same transaction; the password never travels in a command. The address and display name
 * arrive already encrypted under the user's new data key, so the aggregate never holds
 * them in clear.
 *
 * @param userId the new user's id, chosen by the caller
 * @param email the address as entered, NFC-normalized, encrypted
 * @param displayName the display name, NFC-normalized and trimmed, encrypted
 * @param registeredAt when
 */
public record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, EncryptedValue email,
		EncryptedValue displayName, Instant registeredAt) {
}
