package com.gemetrics.api.user;

import java.time.Instant;

import com.gemetrics.api.privacy.EncryptedValue;
import org.axonframework.serialization.Revision;

/**
 * A fact that a user registered. The e-mail address and display name are encrypted under
 * the user's own data key (crypto-shredding, ADR 22): once the account is erased and the
 * key destroyed, nobody can read them again, replays included. The password is not here:
 * its hash lives in the command side's credentials table.
 * <p>
 * Revision 2. Revision 1 held both in clear; the command side encrypts stored revision-1
 * rows in place once (docs/runbook.md), and an upcaster turns any row it has not yet
 * reached into revision 2 with both values withheld.
 */
@Revision("2")
public record UserRegisteredEvent(UserId userId, EncryptedValue email, EncryptedValue displayName,
		Instant registeredAt) {
}
