package com.gemetrics.query.auditstate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.subscription.SubscriptionId;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.watchlist.WatchlistId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Writes one user's history as the command side's aggregates would (types {@code User},
 * {@code Flip}, {@code Watchlist}, {@code Subscription}, sequence numbers from 0), each
 * event one {@link #TICK} after the previous one in event-store time, handing each
 * message to a sink (the event store in ITs, a list in unit tests).
 */
final class UserHistory {

	static final Duration TICK = Duration.ofSeconds(1);

	final UserId user = new UserId(UUID.randomUUID());

	final WatchlistId watchlist = new WatchlistId(this.user);

	final SubscriptionId subscription = SubscriptionId.random();

	private final Consumer<DomainEventMessage<?>> sink;

	private final Map<String, Long> sequences = new HashMap<>();

	private Instant clock;

	UserHistory(Instant start, Consumer<DomainEventMessage<?>> sink) {
		this.clock = start;
		this.sink = sink;
	}

	/** The event-store time the next event will carry. */
	Instant next() {
		return this.clock;
	}

	/** The event-store time of the last event written. */
	Instant last() {
		return this.clock.minus(TICK);
	}

	/** The sequence number of the aggregate's last event, -1 before the first. */
	long sequence(String aggregateId) {
		return this.sequences.getOrDefault(aggregateId, -1L);
	}

	/** The event-store time for an event written by other means; the clock moves on. */
	Instant tick() {
		Instant now = this.clock;
		this.clock = this.clock.plus(TICK);
		return now;
	}

	/** Counts an event of the aggregate that was written by other means. */
	void skip(String aggregateId) {
		this.sequences.merge(aggregateId, 0L, (last, zero) -> last + 1);
	}

	UserHistory registered() {
		return append("User", this.user.toString(),
				new UserRegisteredEvent(this.user, EncryptedValue.withheld(), EncryptedValue.withheld(), this.clock));
	}

	Flip open(String account, int itemId, long quantity, long price, Instant boughtAt) {
		Flip flip = new Flip(new FlipId(UUID.randomUUID()));
		flip.append(new FlipOpenedEvent(flip.id, this.user, account, itemId, quantity, price, boughtAt));
		return flip;
	}

	UserHistory watchlist(Object payload) {
		return append("Watchlist", this.watchlist.toString(), payload);
	}

	UserHistory subscription(Object payload) {
		return append("Subscription", this.subscription.toString(), payload);
	}

	UserHistory append(String type, String aggregateId, Object payload) {
		long sequence = this.sequences.merge(aggregateId, 0L, (last, zero) -> last + 1);
		this.sink.accept(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, MetaData.emptyInstance(),
				UUID.randomUUID().toString(), this.clock));
		this.clock = this.clock.plus(TICK);
		return this;
	}

	/** One flip's event stream. */
	final class Flip {

		final FlipId id;

		Flip(FlipId id) {
			this.id = id;
		}

		String id() {
			return this.id.toString();
		}

		long lastSequence() {
			return sequence(this.id.toString());
		}

		Flip sale(String saleId, long quantity, long price, Instant soldAt) {
			return append(new FlipSaleRecordedEvent(this.id, UserHistory.this.user, saleId, quantity, price, soldAt));
		}

		Flip correctBuy(long quantity, long price, Instant boughtAt) {
			return append(
					new FlipBuyCorrectedEvent(this.id, UserHistory.this.user, quantity, price, boughtAt, boughtAt));
		}

		Flip correctSale(String saleId, long quantity, long price, Instant soldAt) {
			return append(new FlipSaleCorrectedEvent(this.id, UserHistory.this.user, saleId, quantity, price, soldAt,
					soldAt));
		}

		Flip writeOff(long quantity, Instant at) {
			return append(new FlipWrittenOffEvent(this.id, UserHistory.this.user, quantity, at));
		}

		Flip delete(Instant at) {
			return append(new FlipDeletedEvent(this.id, UserHistory.this.user, at));
		}

		Flip append(Object payload) {
			UserHistory.this.append("Flip", this.id.toString(), payload);
			return this;
		}

	}

	/** Collects the messages, for tests without an event store. */
	static final class Recorded implements Consumer<DomainEventMessage<?>> {

		final List<DomainEventMessage<?>> messages = new ArrayList<>();

		@Override
		public void accept(DomainEventMessage<?> message) {
			this.messages.add(message);
		}

	}

}
