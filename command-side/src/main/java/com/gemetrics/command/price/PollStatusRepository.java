package com.gemetrics.command.price;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code market.poll_status}. Written in its own (auto-commit) statements, outside the
 * poll's transaction, so a failed poll is still recorded.
 */
@Repository
class PollStatusRepository {

	static final int MAX_ERROR_LENGTH = 500;

	private final JdbcTemplate jdbc;

	PollStatusRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void succeeded(PollEndpoint endpoint, Instant attemptAt, Instant succeededAt) {
		this.jdbc.update("""
				INSERT INTO market.poll_status (endpoint, last_success_at, last_attempt_at, consecutive_failures)
				VALUES (?, ?, ?, 0)
				ON CONFLICT (endpoint) DO UPDATE SET last_success_at = EXCLUDED.last_success_at,
					last_attempt_at = EXCLUDED.last_attempt_at, consecutive_failures = 0
				""", endpoint.tag(), utc(succeededAt), utc(attemptAt));
	}

	void failed(PollEndpoint endpoint, Instant attemptAt, Instant failedAt, String error) {
		String trimmed = (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
		this.jdbc.update(
				"""
						INSERT INTO market.poll_status (endpoint, last_attempt_at, last_failure_at, last_error, consecutive_failures)
						VALUES (?, ?, ?, ?, 1)
						ON CONFLICT (endpoint) DO UPDATE SET last_attempt_at = EXCLUDED.last_attempt_at,
							last_failure_at = EXCLUDED.last_failure_at, last_error = EXCLUDED.last_error,
							consecutive_failures = market.poll_status.consecutive_failures + 1
						""",
				endpoint.tag(), utc(attemptAt), utc(failedAt), trimmed);
	}

	Optional<PollStatus> find(PollEndpoint endpoint) {
		return this.jdbc
			.query("""
					SELECT endpoint, last_success_at, last_attempt_at, last_failure_at, last_error, consecutive_failures
					FROM market.poll_status WHERE endpoint = ?
					""",
					(rs, row) -> new PollStatus(rs.getString("endpoint"),
							instant(rs.getObject("last_success_at", OffsetDateTime.class)),
							instant(rs.getObject("last_attempt_at", OffsetDateTime.class)),
							instant(rs.getObject("last_failure_at", OffsetDateTime.class)), rs.getString("last_error"),
							rs.getInt("consecutive_failures")),
					endpoint.tag())
			.stream()
			.findFirst();
	}

	static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
