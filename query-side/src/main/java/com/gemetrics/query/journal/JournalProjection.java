package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Projects the Flip events into the journal: {@code read.flips} (one row per flip),
 * {@code read.user_transactions} (one row per sale or write-off, with profit after the GE
 * tax in force when it was sold) and {@code read.flip_tombstones}.
 * <p>
 * Tracking processor, events of one flip in order (sequenced by aggregate id, two
 * segments). Every handler compares the event's aggregate sequence number with the flip's
 * stored {@code version} and skips what it has applied, so a redelivered or replayed
 * event changes nothing. Corrections rewrite the affected rows (the events are never
 * rewritten); a buy correction restates the profit of every sale. A change of the tax
 * rules is applied by replaying this processor: the {@link ResetHandler} empties the
 * tables, and the replay computes every profit again under the rules now in
 * {@code GeTax}. Updated times come from the events, so a replay rebuilds the tables
 * identically.
 */
@Component
@ProcessingGroup(JournalProjection.GROUP)
class JournalProjection {

	static final String GROUP = "journal";

	private static final Logger log = LoggerFactory.getLogger(JournalProjection.class);

	private final JournalRepository repository;

	JournalProjection(JournalRepository repository) {
		this.repository = repository;
	}

	@EventHandler
	void on(FlipOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		UUID flipId = event.flipId().value();
		if (this.repository.isDeleted(flipId)) {
			return;
		}
		this.repository.opened(flipId, event.userId().value(), event.account(), event.itemId(), event.quantity(),
				event.pricePerItem(), event.boughtAt(), sequence, at);
	}

	@EventHandler
	void on(FlipSaleRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		pending(event.flipId().value(), sequence).ifPresent((flip) -> {
			this.repository.insert(flip, TransactionRow.sale(flip.flipId(), event.saleId(), flip.itemId(),
					event.quantity(), event.pricePerItem(), event.soldAt()));
			this.repository.refresh(flip.flipId(), sequence, at);
		});
	}

	@EventHandler
	void on(FlipBuyCorrectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		pending(event.flipId().value(), sequence).ifPresent((flip) -> {
			this.repository.buyCorrected(flip.flipId(), event.quantity(), event.pricePerItem(), event.boughtAt());
			this.repository.refresh(flip.flipId(), sequence, at);
		});
	}

	@EventHandler
	void on(FlipSaleCorrectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		pending(event.flipId().value(), sequence).ifPresent((flip) -> {
			this.repository.deleteSale(flip.flipId(), event.saleId());
			this.repository.insert(flip, TransactionRow.sale(flip.flipId(), event.saleId(), flip.itemId(),
					event.quantity(), event.pricePerItem(), event.soldAt()));
			this.repository.refresh(flip.flipId(), sequence, at);
		});
	}

	@EventHandler
	void on(FlipWrittenOffEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		pending(event.flipId().value(), sequence).ifPresent((flip) -> {
			this.repository.insert(flip,
					TransactionRow.writeOff(flip.flipId(), event.quantity(), event.writtenOffAt()));
			this.repository.refresh(flip.flipId(), sequence, at);
		});
	}

	@EventHandler
	void on(FlipDeletedEvent event, @SequenceNumber long sequence) {
		UUID flipId = event.flipId().value();
		Optional<FlipState> flip = this.repository.flip(flipId);
		if (flip.isPresent() && sequence <= flip.get().version()) {
			return;
		}
		this.repository.deleted(flipId, event.userId().value(), sequence, event.deletedAt());
	}

	@ResetHandler
	void reset() {
		log.info("Resetting the journal read models for a replay");
		this.repository.deleteAll();
	}

	/** The stored flip if this event is not applied yet (and the flip exists). */
	private Optional<FlipState> pending(UUID flipId, long sequence) {
		return this.repository.flip(flipId).filter((flip) -> sequence > flip.version());
	}

}
