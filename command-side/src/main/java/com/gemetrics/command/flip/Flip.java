package com.gemetrics.command.flip;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.gemetrics.api.flip.CorrectFlipBuyCommand;
import com.gemetrics.api.flip.CorrectFlipSaleCommand;
import com.gemetrics.api.flip.DeleteFlipCommand;
import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.flip.RecordFlipSaleCommand;
import com.gemetrics.api.flip.WriteOffFlipCommand;
import com.gemetrics.api.user.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A flip: an item bought in some quantity at a price per item, then sold in one or more
 * sales, never more than was bought; the unsold rest may be written off, which closes the
 * flip. Buy and sales can be corrected and the flip deleted, each as an event. Only its
 * owner may touch it; to anyone else it does not exist.
 * <p>
 * Every command handler other than the creating one answers the sequence number of the
 * flip's last event after the command (its {@link AggregateLifecycle#getVersion()
 * version}), which the caller turns into a consistency token; opening a flip appends
 * event 0.
 * <p>
 * A closed (written-off) flip takes no new sale, no second write-off and no correction
 * that changes a quantity ({@link FlipError#FLIP_CLOSED}); prices and times can still be
 * corrected, and it can be deleted. A correction to the values already in force is a
 * no-op: no event.
 */
@Aggregate
class Flip {

	@AggregateIdentifier
	private FlipId flipId;

	private UserId owner;

	private long quantityBought;

	private long pricePerItem;

	private Instant boughtAt;

	private final Map<String, Sale> sales = new HashMap<>();

	private long quantityWrittenOff;

	Flip() {
		// required by Axon
	}

	@CommandHandler
	Flip(OpenFlipCommand command) {
		FlipRules.requireValidAccount(command.account());
		FlipRules.requireValidTrade(command.quantity(), command.pricePerItem());
		FlipRules.requireValidTime(command.boughtAt(), command.requestedAt());
		apply(new FlipOpenedEvent(command.flipId(), command.userId(), command.account(), command.itemId(),
				command.quantity(), command.pricePerItem(), command.boughtAt()));
	}

	@CommandHandler
	long handle(RecordFlipSaleCommand command) {
		requireOwner(command.userId());
		requireOpen();
		FlipRules.requireValidTrade(command.quantity(), command.pricePerItem());
		FlipRules.requireValidTime(command.soldAt(), command.requestedAt());
		FlipRules.requireSaleNotBeforeBuy(command.soldAt(), this.boughtAt);
		FlipRules.requireNotOversold(command.quantity(), this.quantityBought - quantitySold());
		apply(new FlipSaleRecordedEvent(this.flipId, command.userId(), command.saleId(), command.quantity(),
				command.pricePerItem(), command.soldAt()));
		return lastSequence();
	}

	@CommandHandler
	long handle(CorrectFlipBuyCommand command) {
		requireOwner(command.userId());
		FlipRules.requireValidTrade(command.quantity(), command.pricePerItem());
		FlipRules.requireValidTime(command.boughtAt(), command.requestedAt());
		if (command.quantity() == this.quantityBought && command.pricePerItem() == this.pricePerItem
				&& command.boughtAt().equals(this.boughtAt)) {
			return lastSequence();
		}
		if (command.quantity() != this.quantityBought) {
			requireOpen();
		}
		for (Sale sale : this.sales.values()) {
			FlipRules.requireSaleNotBeforeBuy(sale.soldAt(), command.boughtAt());
		}
		FlipRules.requireNotOversold(quantitySold() + this.quantityWrittenOff, command.quantity());
		apply(new FlipBuyCorrectedEvent(this.flipId, command.userId(), command.quantity(), command.pricePerItem(),
				command.boughtAt(), command.requestedAt()));
		return lastSequence();
	}

	@CommandHandler
	long handle(CorrectFlipSaleCommand command) {
		requireOwner(command.userId());
		Sale sale = this.sales.get(command.saleId());
		if (sale == null) {
			throw new FlipRejected(FlipError.SALE_NOT_FOUND);
		}
		FlipRules.requireValidTrade(command.quantity(), command.pricePerItem());
		FlipRules.requireValidTime(command.soldAt(), command.requestedAt());
		if (sale.equals(new Sale(command.quantity(), command.pricePerItem(), command.soldAt()))) {
			return lastSequence();
		}
		if (command.quantity() != sale.quantity()) {
			requireOpen();
		}
		FlipRules.requireSaleNotBeforeBuy(command.soldAt(), this.boughtAt);
		FlipRules.requireNotOversold(command.quantity(),
				this.quantityBought - this.quantityWrittenOff - (quantitySold() - sale.quantity()));
		apply(new FlipSaleCorrectedEvent(this.flipId, command.userId(), command.saleId(), command.quantity(),
				command.pricePerItem(), command.soldAt(), command.requestedAt()));
		return lastSequence();
	}

	@CommandHandler
	long handle(WriteOffFlipCommand command) {
		requireOwner(command.userId());
		requireOpen();
		long rest = this.quantityBought - quantitySold();
		if (rest == 0) {
			throw new FlipRejected(FlipError.NOTHING_TO_WRITE_OFF);
		}
		apply(new FlipWrittenOffEvent(this.flipId, command.userId(), rest, command.requestedAt()));
		return lastSequence();
	}

	@CommandHandler
	long handle(DeleteFlipCommand command) {
		requireOwner(command.userId());
		apply(new FlipDeletedEvent(this.flipId, command.userId(), command.requestedAt()));
		return lastSequence();
	}

	@EventSourcingHandler
	void on(FlipOpenedEvent event) {
		this.flipId = event.flipId();
		this.owner = event.userId();
		this.quantityBought = event.quantity();
		this.pricePerItem = event.pricePerItem();
		this.boughtAt = event.boughtAt();
	}

	@EventSourcingHandler
	void on(FlipSaleRecordedEvent event) {
		this.sales.put(event.saleId(), new Sale(event.quantity(), event.pricePerItem(), event.soldAt()));
	}

	@EventSourcingHandler
	void on(FlipBuyCorrectedEvent event) {
		this.quantityBought = event.quantity();
		this.pricePerItem = event.pricePerItem();
		this.boughtAt = event.boughtAt();
	}

	@EventSourcingHandler
	void on(FlipSaleCorrectedEvent event) {
		this.sales.put(event.saleId(), new Sale(event.quantity(), event.pricePerItem(), event.soldAt()));
	}

	@EventSourcingHandler
	void on(FlipWrittenOffEvent event) {
		this.quantityWrittenOff += event.quantity();
	}

	@EventSourcingHandler
	void on(FlipDeletedEvent event) {
		AggregateLifecycle.markDeleted();
	}

	/**
	 * Another user's flip answers exactly as an unknown one. An owner that is missing
	 * means the id names some other kind of aggregate: not a flip either.
	 */
	private void requireOwner(UserId caller) {
		if (this.owner == null || !this.owner.equals(caller)) {
			throw new FlipRejected(FlipError.FLIP_NOT_FOUND);
		}
	}

	private void requireOpen() {
		if (this.quantityWrittenOff > 0) {
			throw new FlipRejected(FlipError.FLIP_CLOSED);
		}
	}

	private long quantitySold() {
		long sold = 0;
		for (Sale sale : this.sales.values()) {
			sold += sale.quantity();
		}
		return sold;
	}

	/** The sequence number of this flip's last event, counting those just applied. */
	private static long lastSequence() {
		return AggregateLifecycle.getVersion();
	}

	/** One sale as it stands after any corrections. */
	private record Sale(long quantity, long pricePerItem, Instant soldAt) {
	}

}
