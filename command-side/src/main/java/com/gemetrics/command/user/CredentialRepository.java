package com.gemetrics.command.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import com.gemetrics.api.user.UserId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code auth.credential}: each user's password hash, never in an event. */
@Repository
class CredentialRepository {

	private final JdbcTemplate jdbc;

	CredentialRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> findHash(UserId userId) {
		return this.jdbc
			.queryForList("SELECT password_hash FROM auth.credential WHERE user_id = ?", String.class, userId.value())
			.stream()
			.findFirst();
	}

	void save(UserId userId, String passwordHash, Instant at) {
		this.jdbc.update("INSERT INTO auth.credential (user_id, password_hash, updated_at) VALUES (?, ?, ?) "
				+ "ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, "
				+ "updated_at = EXCLUDED.updated_at", userId.value(), passwordHash, Timestamp.from(at));
	}

	/**
	 * Replaces the hash only if it is still {@code expected}, so an upgrade never undoes
	 * a change.
	 */
	void upgrade(UserId userId, String expected, String passwordHash, Instant at) {
		this.jdbc.update(
				"UPDATE auth.credential SET password_hash = ?, updated_at = ? WHERE user_id = ? AND password_hash = ?",
				passwordHash, Timestamp.from(at), userId.value(), expected);
	}

	/**
	 * Deletes the user's password hash (account erasure): no password opens the account
	 * again.
	 */
	void delete(UserId userId) {
		this.jdbc.update("DELETE FROM auth.credential WHERE user_id = ?", userId.value());
	}

}
