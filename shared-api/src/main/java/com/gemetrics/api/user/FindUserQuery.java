package com.gemetrics.api.user;

/**
 * Asks for one user's profile; answered with a {@link UserView}, or {@code null} when
 * unknown.
 *
 * @param userId the user
 */
public record FindUserQuery(UserId userId) {
}
