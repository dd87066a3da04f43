package com.gemetrics.command.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code billing.stripe_inbox}: Stripe events stored by the webhook before it answers,
 * claimed and processed by {@link StripeInboxProcessor} on any instance. An outcome is
 * recorded only under the claim that processed the event (V90, as V74 for the outboxes).
 */
@Repository
class StripeInbox {

	private final JdbcTemplate jdbc;

	StripeInbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the event once; answers {@code false} for one stored before (a redelivery).
	 * An event we do not act on is stored already processed.
	 */
	boolean store(String eventId, String type, String payload, Instant stripeCreated, boolean actedOn, Instant now) {
		return this.jdbc.update(
				"INSERT INTO billing.stripe_inbox (event_id, type, payload, stripe_created, received_at, "
						+ "processed_at, next_attempt_at) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?) "
						+ "ON CONFLICT (event_id) DO NOTHING",
				eventId, type, payload, Timestamp.from(stripeCreated), Timestamp.from(now),
				actedOn ? null : Timestamp.from(now), Timestamp.from(now)) == 1;
	}

	/**
	 * Claims up to {@code limit} due events for {@code leaseUntil} in one short statement
	 * ({@code FOR UPDATE SKIP LOCKED}: instances claim disjoint rows), oldest at Stripe
	 * first, and counts the attempt. A claim whose lease ran out (its instance died) is
	 * due again.
	 */
	List<InboxEvent> claimDue(Instant now, int limit, Instant leaseUntil, UUID claim) {
		return this.jdbc.query("UPDATE billing.stripe_inbox i SET lease_until = ?, claim_id = ?, "
				+ "attempts = i.attempts + 1 FROM (SELECT event_id FROM billing.stripe_inbox WHERE processed_at IS NULL "
				+ "AND dead_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) "
				+ "ORDER BY next_attempt_at, stripe_created LIMIT ? FOR UPDATE SKIP LOCKED) due "
				+ "WHERE i.event_id = due.event_id "
				+ "RETURNING i.event_id, i.type, i.payload::text AS payload, i.stripe_created, i.attempts, i.claim_id",
				StripeInbox::map, Timestamp.from(leaseUntil), claim, Timestamp.from(now), Timestamp.from(now), limit);
	}

	/** Marks the event processed, if this claim still holds it. */
	boolean processed(InboxEvent event, String note, Instant at) {
		return this.jdbc.update(
				"UPDATE billing.stripe_inbox SET processed_at = ?, last_error = ?, lease_until = NULL, claim_id = NULL "
						+ "WHERE event_id = ? AND claim_id = ?",
				Timestamp.from(at), note, event.eventId(), event.claim()) == 1;
	}

	/** Records a failed attempt and when to try again, if this claim still holds it. */
	boolean retryLater(InboxEvent event, String error, Instant nextAttemptAt) {
		return this.jdbc.update(
				"UPDATE billing.stripe_inbox SET last_error = ?, next_attempt_at = ?, lease_until = NULL, "
						+ "claim_id = NULL WHERE event_id = ? AND claim_id = ?",
				error, Timestamp.from(nextAttemptAt), event.eventId(), event.claim()) == 1;
	}

	/** Gives the event up, if this claim still holds it. */
	boolean dead(InboxEvent event, String error, Instant at) {
		return this.jdbc.update(
				"UPDATE billing.stripe_inbox SET last_error = ?, dead_at = ?, lease_until = NULL, claim_id = NULL "
						+ "WHERE event_id = ? AND claim_id = ?",
				error, Timestamp.from(at), event.eventId(), event.claim()) == 1;
	}

	/** Events stored and neither processed nor dead. */
	long pending() {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM billing.stripe_inbox WHERE processed_at IS NULL AND dead_at IS NULL", Long.class);
		return (count != null) ? count : 0;
	}

	/** Deletes events processed before {@code cutoff}; answers how many. */
	int purgeProcessedBefore(Instant cutoff) {
		return this.jdbc.update("DELETE FROM billing.stripe_inbox WHERE processed_at < ?", Timestamp.from(cutoff));
	}

	/**
	 * Events for operators, newest first: the dead ones, or those waiting; never their
	 * payload.
	 */
	List<InboxRow> list(boolean dead, int limit) {
		return this.jdbc.query("SELECT event_id, type, stripe_created, received_at, attempts, next_attempt_at, "
				+ "last_error, dead_at FROM billing.stripe_inbox WHERE processed_at IS NULL AND (dead_at IS NOT NULL) = ? "
				+ "ORDER BY received_at DESC LIMIT ?",
				(rs, row) -> new InboxRow(rs.getString("event_id"), rs.getString("type"),
						instant(rs.getTimestamp("stripe_created")), instant(rs.getTimestamp("received_at")),
						rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
						instant(rs.getTimestamp("dead_at"))),
				dead, limit);
	}

	/**
	 * Makes a dead or waiting event due now with a fresh count of attempts; answers
	 * whether there was such an event.
	 */
	boolean retryNow(String eventId, Instant now) {
		return this.jdbc.update(
				"UPDATE billing.stripe_inbox SET dead_at = NULL, attempts = 0, next_attempt_at = ?, "
						+ "lease_until = NULL, claim_id = NULL WHERE event_id = ? AND processed_at IS NULL "
						+ "AND (dead_at IS NOT NULL OR lease_until IS NULL OR lease_until <= ?)",
				Timestamp.from(now), eventId, Timestamp.from(now)) == 1;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static InboxEvent map(ResultSet rs, int row) throws SQLException {
		return new InboxEvent(rs.getString("event_id"), rs.getString("type"), rs.getString("payload"),
				rs.getTimestamp("stripe_created").toInstant(), rs.getInt("attempts"),
				rs.getObject("claim_id", UUID.class));
	}

	/**
	 * A claimed event.
	 *
	 * @param eventId Stripe's {@code evt_...}
	 * @param type e.g. {@code invoice.paid}
	 * @param payload the event as Stripe sent it
	 * @param stripeCreated when Stripe created the event
	 * @param attempts attempts started, this one included
	 * @param claim the claim holding it
	 */
	record InboxEvent(String eventId, String type, String payload, Instant stripeCreated, int attempts, UUID claim) {
	}

	/**
	 * An event as operators see it.
	 *
	 * @param eventId Stripe's {@code evt_...}
	 * @param type its type
	 * @param stripeCreated when Stripe created it
	 * @param receivedAt when we stored it
	 * @param attempts processing attempts started
	 * @param nextAttemptAt when it is due
	 * @param lastError why the last attempt failed
	 * @param deadAt when it was given up (null: it was not)
	 */
	record InboxRow(String eventId, String type, Instant stripeCreated, Instant receivedAt, int attempts,
			Instant nextAttemptAt, String lastError, Instant deadAt) {
	}

}
