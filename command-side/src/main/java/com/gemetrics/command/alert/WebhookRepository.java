package com.gemetrics.command.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code alerts.webhook}: each user's webhook URL, which never goes into an event. */
@Repository
class WebhookRepository {

	private final JdbcTemplate jdbc;

	WebhookRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void save(UUID userId, String url, Instant at) {
		this.jdbc.update(
				"INSERT INTO alerts.webhook (user_id, url, updated_at) VALUES (?, ?, ?) "
						+ "ON CONFLICT (user_id) DO UPDATE SET url = EXCLUDED.url, updated_at = EXCLUDED.updated_at",
				userId, url, Timestamp.from(at));
	}

	void delete(UUID userId) {
		this.jdbc.update("DELETE FROM alerts.webhook WHERE user_id = ?", userId);
	}

	Optional<String> find(UUID userId) {
		return this.jdbc.queryForList("SELECT url FROM alerts.webhook WHERE user_id = ?", String.class, userId)
			.stream()
			.findFirst();
	}

}
