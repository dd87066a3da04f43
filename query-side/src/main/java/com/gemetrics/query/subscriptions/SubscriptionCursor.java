package com.gemetrics.query.subscriptions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The keyset cursor of a page of subscriptions: the user id of the last row served (pages
 * are ordered by user id). Opaque to clients: URL-safe Base64 of {@code v1:<user id>}.
 *
 * @param userId the last user id served
 */
record SubscriptionCursor(UUID userId) {

	private static final String PREFIX = "v1:";

	private static final int MAX_LENGTH = 64;

	String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + this.userId).getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor a client sent, or empty when it is not one this server issued. */
	static Optional<SubscriptionCursor> decode(String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
			if (!raw.startsWith(PREFIX) || raw.length() != PREFIX.length() + 36) {
				return Optional.empty();
			}
			UUID userId = UUID.fromString(raw.substring(PREFIX.length()));
			return userId.toString().equals(raw.substring(PREFIX.length()))
					? Optional.of(new SubscriptionCursor(userId)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
