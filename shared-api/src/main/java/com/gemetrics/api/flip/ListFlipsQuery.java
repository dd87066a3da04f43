package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;

/**
 * Asks for a page of the caller's flips, newest buy first; answered with a
 * {@link FlipPage}. Every filter is optional ({@code null} means no filter).
 *
 * @param userId the caller
 * @param itemId only this item
 * @param account only this account
 * @param from bought at or after
 * @param to bought before
 * @param status {@code open} or {@code closed}
 * @param limit page size
 * @param cursor opaque cursor from the previous page ({@link FlipPage#nextCursor()}), or
 * {@code null} for the first
 */
public record ListFlipsQuery(UserId userId, Integer itemId, String account, Instant from, Instant to, String status,
		int limit, String cursor) {
}
