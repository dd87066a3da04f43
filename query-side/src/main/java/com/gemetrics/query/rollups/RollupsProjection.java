package com.gemetrics.query.rollups;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.query.rollups.RollupsRepository.ItemBucket;
import com.gemetrics.query.rollups.RollupsRepository.Versioned;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps the analysts' daily rollups: {@code read.item_daily} (the observed /5m and /1h
 * buckets per item and UTC day), {@code read.flip_daily} (our users' flips per item and
 * UTC day) and {@code read.alert_daily} (alerts fired per day, item and rule type).
 * <p>
 * Tracking processor {@value #GROUP}, one segment, so one writer per daily row (a day's
 * row is shared by every user). Idempotent: each flip's ledger and each watchlist keep
 * the aggregate sequence number last applied, and each observed bucket is counted once
 * ({@code read.rollup_buckets}), so a redelivered event changes nothing. A flip event
 * replaces the flip's ledger and adds the difference between what the flip contributed
 * before and after, so a correction restates every day it touches and a delete takes the
 * flip out of all of them. Only event data is stored (no write times), so a replay
 * ({@link ResetHandler}) rebuilds the same rows. Imports from {@code /timeseries} are not
 * counted: they repeat buckets the poller observed.
 */
@Component
@ProcessingGroup(RollupsProjection.GROUP)
class RollupsProjection {

	static final String GROUP = "rollups";

	private static final Logger log = LoggerFactory.getLogger(RollupsProjection.class);

	private final RollupsRepository repository;

	RollupsProjection(RollupsRepository repository) {
		this.repository = repository;
	}

	@EventHandler
	void on(FlipOpenedEvent event, @SequenceNumber long sequence) {
		UUID flipId = event.flipId().value();
		if (this.repository.flip(flipId).isPresent()) {
			return;
		}
		this.repository.saveFlip(flipId, null,
				FlipLedger.opened(event.itemId(), event.quantity(), event.pricePerItem(), event.boughtAt()), sequence);
	}

	@EventHandler
	void on(FlipSaleRecordedEvent event, @SequenceNumber long sequence) {
		change(event.flipId().value(), sequence,
				(flip) -> flip.withSale(event.saleId(), event.quantity(), event.pricePerItem(), event.soldAt()));
	}

	@EventHandler
	void on(FlipSaleCorrectedEvent event, @SequenceNumber long sequence) {
		change(event.flipId().value(), sequence,
				(flip) -> flip.withSale(event.saleId(), event.quantity(), event.pricePerItem(), event.soldAt()));
	}

	@EventHandler
	void on(FlipBuyCorrectedEvent event, @SequenceNumber long sequence) {
		change(event.flipId().value(), sequence,
				(flip) -> flip.withBuy(event.quantity(), event.pricePerItem(), event.boughtAt()));
	}

	@EventHandler
	void on(FlipWrittenOffEvent event, @SequenceNumber long sequence) {
		change(event.flipId().value(), sequence, (flip) -> flip.withWriteOff(event.quantity(), event.writtenOffAt()));
	}

	@EventHandler
	void on(FlipDeletedEvent event, @SequenceNumber long sequence) {
		change(event.flipId().value(), sequence, FlipLedger::asDeleted);
	}

	@EventHandler
	void on(VolumeWindowObservedEvent event) {
		String timestep = event.timestep().code();
		if (!this.repository.claimBucket(timestep, event.bucketStart())) {
			return;
		}
		Map<Integer, ItemBucket> items = new LinkedHashMap<>();
		for (WindowAverage item : event.items()) {
			ItemBucket bucket = bucket(item);
			if (bucket.highVolume().signum() != 0 || bucket.lowVolume().signum() != 0) {
				items.merge(item.itemId(), bucket, ItemBucket::plus);
			}
		}
		this.repository.addBucket(FlipLedger.day(event.bucketStart()), timestep, items.values());
	}

	@EventHandler
	void on(AlertTriggeredEvent event, @SequenceNumber long sequence) {
		this.repository.countAlert(event.watchlistId().toString(), sequence, FlipLedger.day(event.triggeredAt()),
				event.itemId(), event.type().name());
	}

	@ResetHandler
	void reset() {
		log.info("Resetting the daily rollups for a replay");
		this.repository.deleteAll();
	}

	/** Applies an event to a known flip, unless it was applied already. */
	private void change(UUID flipId, long sequence, UnaryOperator<FlipLedger> change) {
		Optional<Versioned<FlipLedger>> stored = this.repository.flip(flipId);
		if (stored.isEmpty() || sequence <= stored.get().version() || stored.get().value().deleted()) {
			return;
		}
		FlipLedger before = stored.get().value();
		this.repository.saveFlip(flipId, before, change.apply(before), sequence);
	}

	/** A side the API reported without an average counts on neither side's figures. */
	private static ItemBucket bucket(WindowAverage item) {
		BigInteger highVolume = (item.avgHighPrice() != null) ? BigInteger.valueOf(item.highPriceVolume())
				: BigInteger.ZERO;
		BigInteger lowVolume = (item.avgLowPrice() != null) ? BigInteger.valueOf(item.lowPriceVolume())
				: BigInteger.ZERO;
		BigInteger highValue = (item.avgHighPrice() != null)
				? highVolume.multiply(BigInteger.valueOf(item.avgHighPrice())) : BigInteger.ZERO;
		BigInteger lowValue = (item.avgLowPrice() != null) ? lowVolume.multiply(BigInteger.valueOf(item.avgLowPrice()))
				: BigInteger.ZERO;
		return new ItemBucket(item.itemId(), highVolume, lowVolume, highValue, lowValue);
	}

}
