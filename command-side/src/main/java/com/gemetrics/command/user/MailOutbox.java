package com.gemetrics.command.user;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code auth.mail_outbox}: mails to send, written in the caller's transaction so a mail
 * exists if and only if the fact that asks for it committed. {@link MailOutboxSender}
 * sends them.
 */
@Repository
class MailOutbox {

	/** One mail to send. */
	record PendingMail(long id, String kind, String recipient, String subject, String body, int attempts) {
	}

	private final JdbcTemplate jdbc;

	MailOutbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void enqueue(String kind, String recipient, String subject, String body, Instant now) {
		this.jdbc.update(
				"INSERT INTO auth.mail_outbox (kind, recipient, subject, body, created_at, next_attempt_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?)",
				kind, recipient, subject, body, Timestamp.from(now), Timestamp.from(now));
	}

	/**
	 * Locks up to {@code limit} due mails for this transaction; other instances skip
	 * them.
	 */
	List<PendingMail> lockDue(Instant now, int limit) {
		return this.jdbc.query(
				"SELECT id, kind, recipient, subject, body, attempts FROM auth.mail_outbox "
						+ "WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? "
						+ "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED",
				(rs, row) -> new PendingMail(rs.getLong("id"), rs.getString("kind"), rs.getString("recipient"),
						rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")),
				Timestamp.from(now), limit);
	}

	/** Marks the mail sent and erases its body, which held a token. */
	void sent(long id, Instant at) {
		this.jdbc.update("UPDATE auth.mail_outbox SET sent_at = ?, body = NULL, attempts = attempts + 1, "
				+ "last_error = NULL WHERE id = ?", Timestamp.from(at), id);
	}

	void retryLater(long id, String error, Instant nextAttemptAt) {
		this.jdbc.update("UPDATE auth.mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
				+ "WHERE id = ?", error, Timestamp.from(nextAttemptAt), id);
	}

	/** Gives the mail up and erases its body. */
	void giveUp(long id, String error, Instant at) {
		this.jdbc.update("UPDATE auth.mail_outbox SET attempts = attempts + 1, last_error = ?, failed_at = ?, "
				+ "body = NULL WHERE id = ?", error, Timestamp.from(at), id);
	}

	/** Deletes mails sent or given up longer ago than {@code keep}. */
	int purge(Instant now, Duration keep) {
		Timestamp before = Timestamp.from(now.minus(keep));
		return this.jdbc.update("DELETE FROM auth.mail_outbox WHERE sent_at < ? OR failed_at < ?", before, before);
	}

	long pending() {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM auth.mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL", Long.class);
		return (count != null) ? count : 0;
	}

}
