package com.gemetrics.api.watchlist;

import java.util.Objects;

import com.gemetrics.api.user.UserId;

/**
 * Identifies a user's one watchlist. {@link #toString()} is
 * {@code watchlist-<user uuid>}, the aggregate identifier Axon stores; it differs from
 * the user's own aggregate id, which shares the event table.
 *
 * @param userId the owner
 */
public record WatchlistId(UserId userId) {

	private static final String PREFIX = "watchlist-";

	public WatchlistId {
		Objects.requireNonNull(userId, "userId");
	}

	public static WatchlistId of(String value) {
		if (value == null || !value.startsWith(PREFIX)) {
			throw new IllegalArgumentException("not a watchlist id");
		}
		return new WatchlistId(UserId.of(value.substring(PREFIX.length())));
	}

	@Override
	public String toString() {
		return PREFIX + this.userId;
	}

}
