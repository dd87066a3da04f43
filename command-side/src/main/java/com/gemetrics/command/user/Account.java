package com.gemetrics.command.user;

import java.util.Set;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;

/**
 * A user as the command side's account table knows it.
 *
 * @param userId the user
 * @param email the address to mail
 * @param emailKey the unique key of the address; {@code null} once released
 * @param emailVerified whether the address is verified
 * @param roles the roles held (none before the address is verified)
 * @param released whether the registration was superseded or expired unverified, or the
 * account erased
 * @param erased whether the account was erased: address and display name are gone
 * ({@code null})
 */
record Account(UserId userId, String email, String emailKey, boolean emailVerified, Set<Role> roles, boolean released,
		boolean erased) {

	/** The roles an access token of this account may carry: none until it is verified. */
	Set<Role> effectiveRoles() {
		return (this.emailVerified && !this.released) ? this.roles : Set.of();
	}

}
