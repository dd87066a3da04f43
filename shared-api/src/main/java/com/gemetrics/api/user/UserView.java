package com.gemetrics.api.user;

import java.time.Instant;
import java.util.Set;

/**
 * A user's profile as they see it.
 *
 * @param id the user id
 * @param email the e-mail address
 * @param displayName the display name
 * @param roles the roles held
 * @param emailVerified whether the address is verified
 * @param registeredAt when the user registered
 */
public record UserView(String id, String email, String displayName, Set<Role> roles, boolean emailVerified,
		Instant registeredAt) {
}
