package com.gemetrics.query.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.user.UserId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Writes a flip's events to the event store as the command side's {@code Flip} aggregate
 * would (type {@code Flip}, sequence numbers from 0), and waits for the journal to apply
 * them.
 */
final class JournalFixtures {

	static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);

	static final int WHIP = 4151;

	static final int LOBSTER = 379;

	static final int FEATHER = 314;

	static final int BOND = 13190;

	private final EventStore events;

	private final JdbcTemplate jdbc;

	JournalFixtures(EventStore events, JdbcTemplate jdbc) {
		this.events = events;
		this.jdbc = jdbc;
	}

	/** A flip being written: each call appends one event. */
	FlipStream open(UserId user, String account, int itemId, long quantity, long price, Instant boughtAt) {
		FlipStream flip = new FlipStream(new FlipId(UUID.randomUUID()), user);
		flip.append(new FlipOpenedEvent(flip.id, user, account, itemId, quantity, price, boughtAt));
		return flip;
	}

	/** Waits until the journal has applied the flip's last event (or its delete). */
	void awaitApplied(FlipStream flip) {
		await().atMost(PROJECTION_TIMEOUT).until(() -> version(flip.id.value()) >= flip.sequence);
	}

	long version(UUID flipId) {
		Long version = this.jdbc.queryForObject("""
				SELECT max(version) FROM (SELECT version FROM read.flips WHERE flip_id = ?
				UNION ALL SELECT version FROM read.flip_tombstones WHERE flip_id = ?) v
				""", Long.class, flipId, flipId);
		return (version != null) ? version : -1;
	}

	/** One flip's event stream. */
	final class FlipStream {

		final FlipId id;

		final UserId user;

		long sequence = -1;

		FlipStream(FlipId id, UserId user) {
			this.id = id;
			this.user = user;
		}

		UUID uuid() {
			return this.id.value();
		}

		FlipStream sale(String saleId, long quantity, long price, Instant soldAt) {
			return append(new FlipSaleRecordedEvent(this.id, this.user, saleId, quantity, price, soldAt));
		}

		FlipStream correctBuy(long quantity, long price, Instant boughtAt) {
			return append(new FlipBuyCorrectedEvent(this.id, this.user, quantity, price, boughtAt, boughtAt));
		}

		FlipStream correctSale(String saleId, long quantity, long price, Instant soldAt) {
			return append(new FlipSaleCorrectedEvent(this.id, this.user, saleId, quantity, price, soldAt, soldAt));
		}

		FlipStream writeOff(long quantity, Instant at) {
			return append(new FlipWrittenOffEvent(this.id, this.user, quantity, at));
		}

		FlipStream delete(Instant at) {
			return append(new FlipDeletedEvent(this.id, this.user, at));
		}

		/** Appends the events in one batch, as one command would. */
		FlipStream append(Object... payloads) {
			List<DomainEventMessage<?>> messages = new ArrayList<>();
			for (Object payload : payloads) {
				this.sequence++;
				messages.add(new GenericDomainEventMessage<>("Flip", this.id.toString(), this.sequence, payload));
			}
			JournalFixtures.this.events.publish(messages);
			return this;
		}

		/** The token a command answers with after the last event. */
		String token() {
			return "flip." + this.id + "." + this.sequence;
		}

		FlipStream applied() {
			awaitApplied(this);
			return this;
		}

	}

}
