package com.gemetrics.command.user;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code auth.mail_outbox}: mails to send, written in the caller's transaction so a mail
 * exists if and only if the fact that asks for it committed. {@link MailOutboxSender}
 * claims and sends them; an outcome is recorded only under the claim that sent it.
 */
@Repository
class MailOutbox {

	/**
	 * One mail to send, claimed.
	 *
	 * @param attempts attempts started, this one included
	 * @param claim the claim this instance holds it under
	 */
	record PendingMail(long id, String kind, String recipient, String subject, String body, int attempts, UUID claim) {
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
	 * Claims up to {@code limit} due mails for {@code lease} in one short statement
	 * ({@code FOR UPDATE SKIP LOCKED}: instances claim disjoint rows) and counts the
	 * attempt. A claim whose lease ran out (its instance died mid-send) is due again.
	 */
	List<PendingMail> claimDue(Instant now, int limit, Instant leaseUntil, UUID claim) {
		return this.jdbc.query("UPDATE auth.mail_outbox m SET claimed_until = ?, claim_id = ?, "
				+ "attempts = m.attempts + 1 FROM (SELECT id FROM auth.mail_outbox WHERE sent_at IS NULL "
				+ "AND failed_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) "
				+ "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due WHERE m.id = due.id "
				+ "RETURNING m.id, m.kind, m.recipient, m.subject, m.body, m.attempts, m.claim_id",
				(rs, row) -> new PendingMail(rs.getLong("id"), rs.getString("kind"), rs.getString("recipient"),
						rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"),
						rs.getObject("claim_id", UUID.class)),
				Timestamp.from(leaseUntil), claim, Timestamp.from(now), Timestamp.from(now), limit);
	}

	/**
	 * Marks the mail sent and erases its body, which held a token, if this claim still
	 * holds it.
	 */
	boolean sent(PendingMail mail, Instant at) {
		return this.jdbc.update(
				"UPDATE auth.mail_outbox SET sent_at = ?, body = NULL, last_error = NULL, "
						+ "claimed_until = NULL, claim_id = NULL WHERE id = ? AND claim_id = ?",
				Timestamp.from(at), mail.id(), mail.claim()) == 1;
	}

	/** Records a failed attempt and when to try again, if this claim still holds it. */
	boolean retryLater(PendingMail mail, String error, Instant nextAttemptAt) {
		return this.jdbc.update(
				"UPDATE auth.mail_outbox SET last_error = ?, next_attempt_at = ?, "
						+ "claimed_until = NULL, claim_id = NULL WHERE id = ? AND claim_id = ?",
				error, Timestamp.from(nextAttemptAt), mail.id(), mail.claim()) == 1;
	}

	/** Gives the mail up and erases its body, if this claim still holds it. */
	boolean giveUp(PendingMail mail, String error, Instant at) {
		return this.jdbc.update(
				"UPDATE auth.mail_outbox SET last_error = ?, failed_at = ?, body = NULL, "
						+ "claimed_until = NULL, claim_id = NULL WHERE id = ? AND claim_id = ?",
				error, Timestamp.from(at), mail.id(), mail.claim()) == 1;
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
