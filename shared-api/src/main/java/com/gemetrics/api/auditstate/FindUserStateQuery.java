package com.gemetrics.api.auditstate;

import java.time.Instant;

import com.gemetrics.api.user.UserId;

/**
 * Asks for a user's flips, watchlist and subscription as they stood at {@code asOf},
 * rebuilt from the events stored up to then (for auditors); answered with a
 * {@link UserStateView}, or {@code null} when the event store holds no such user.
 *
 * @param userId the user
 * @param asOf the instant: events stored (their timestamp) at or before it count
 */
public record FindUserStateQuery(UserId userId, Instant asOf) {
}
