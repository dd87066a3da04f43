package com.gemetrics.command.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import com.gemetrics.api.user.UserId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Single-use tokens for e-mail links: 256 random bits, handed out once in base64url and
 * stored only as their SHA-256 hash, with an expiry. Using one is one conditional
 * {@code UPDATE}, so a token can be used once even when two requests race.
 */
@Repository
class OneTimeTokens {

	/** Which link a token belongs to; each has its own table. */
	enum Kind {

		EMAIL_VERIFICATION("auth.email_verification_token"), PASSWORD_RESET("auth.password_reset_token");

		private final String table;

		Kind(String table) {
			this.table = table;
		}

	}

	private static final int TOKEN_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final JdbcTemplate jdbc;

	OneTimeTokens(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new token for the user and returns it, the only time it exists in clear.
	 */
	String issue(Kind kind, UserId userId, Instant now, Duration ttl) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.jdbc.update(
				"INSERT INTO " + kind.table + " (token_hash, user_id, created_at, expires_at) " + "VALUES (?, ?, ?, ?)",
				hash(token), userId.value(), Timestamp.from(now), Timestamp.from(now.plus(ttl)));
		return token;
	}

	/** Whose token this is, if it is unused and unexpired; does not use it. */
	Optional<UserId> peek(Kind kind, String token, Instant now) {
		return this.jdbc
			.queryForList("SELECT user_id FROM " + kind.table + " WHERE token_hash = ? AND used_at IS NULL "
					+ "AND expires_at > ?", UUID.class, hash(token), Timestamp.from(now))
			.stream()
			.findFirst()
			.map(UserId::new);
	}

	/** Uses the token up, if it is unused and unexpired, and says whose it was. */
	Optional<UserId> consume(Kind kind, String token, Instant now) {
		return this.jdbc
			.queryForList(
					"UPDATE " + kind.table + " SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
							+ "AND expires_at > ? RETURNING user_id",
					UUID.class, Timestamp.from(now), hash(token), Timestamp.from(now))
			.stream()
			.findFirst()
			.map(UserId::new);
	}

	/** Uses up every outstanding token of the user. */
	void consumeAll(Kind kind, UserId userId, Instant now) {
		this.jdbc.update("UPDATE " + kind.table + " SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
				Timestamp.from(now), userId.value());
	}

	/** Deletes tokens that expired before the given instant. */
	/** Deletes every token of the user, used or not (account erasure). */
	void deleteAll(Kind kind, UserId userId) {
		this.jdbc.update("DELETE FROM " + kind.table + " WHERE user_id = ?", userId.value());
	}

	int purgeExpired(Kind kind, Instant before) {
		return this.jdbc.update("DELETE FROM " + kind.table + " WHERE expires_at < ?", Timestamp.from(before));
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
