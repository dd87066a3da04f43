package com.gemetrics.command.user;

import java.util.Set;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;

/**
 * A user as the command side's account table knows it.
 *
 * @param userId the user
 * @param email the address to mail
 * @param emailKey the unique key of the address
 * @param emailVerified whether the address is verified
 * @param roles the roles held
 */
record Account(UserId userId, String email, String emailKey, boolean emailVerified, Set<Role> roles) {
}
