package com.gemetrics.command.flip;

import java.time.Instant;

import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.flip.RecordFlipSaleCommand;
import com.gemetrics.api.user.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A flip: an item bought in some quantity at a price per item, then sold in one or more
 * sales, never more than was bought. Only its owner may record sales; to anyone else it
 * does not exist.
 */
@Aggregate
class Flip {

	static final long MAX_PRICE_PER_ITEM = Integer.MAX_VALUE;

	@AggregateIdentifier
	private FlipId flipId;

	private UserId owner;

	private long quantityBought;

	private long quantitySold;

	private Instant boughtAt;

	Flip() {
		// required by Axon
	}

	@CommandHandler
	Flip(OpenFlipCommand command) {
		requireValidTrade(command.quantity(), command.pricePerItem());
		requireNotInFuture(command.boughtAt(), command.requestedAt());
		apply(new FlipOpenedEvent(command.flipId(), command.userId(), command.account(), command.itemId(),
				command.quantity(), command.pricePerItem(), command.boughtAt()));
	}

	@CommandHandler
	void handle(RecordFlipSaleCommand command) {
		if (!this.owner.equals(command.userId())) {
			throw new FlipRejected(FlipError.FLIP_NOT_FOUND);
		}
		requireValidTrade(command.quantity(), command.pricePerItem());
		requireNotInFuture(command.soldAt(), command.requestedAt());
		if (command.soldAt().isBefore(this.boughtAt)) {
			throw new FlipRejected(FlipError.SALE_BEFORE_BUY);
		}
		if (command.quantity() > this.quantityBought - this.quantitySold) {
			throw new FlipRejected(FlipError.OVERSOLD);
		}
		apply(new FlipSaleRecordedEvent(this.flipId, command.userId(), command.saleId(), command.quantity(),
				command.pricePerItem(), command.soldAt()));
	}

	@EventSourcingHandler
	void on(FlipOpenedEvent event) {
		this.flipId = event.flipId();
		this.owner = event.userId();
		this.quantityBought = event.quantity();
		this.boughtAt = event.boughtAt();
	}

	@EventSourcingHandler
	void on(FlipSaleRecordedEvent event) {
		this.quantitySold += event.quantity();
	}

	private static void requireValidTrade(long quantity, long pricePerItem) {
		if (quantity <= 0) {
			throw new FlipRejected(FlipError.QUANTITY_NOT_POSITIVE);
		}
		if (pricePerItem < 1 || pricePerItem > MAX_PRICE_PER_ITEM) {
			throw new FlipRejected(FlipError.PRICE_OUT_OF_RANGE);
		}
		try {
			Math.multiplyExact(quantity, pricePerItem);
		}
		catch (ArithmeticException ex) {
			throw new FlipRejected(FlipError.TOTAL_OUT_OF_RANGE);
		}
	}

	private static void requireNotInFuture(Instant time, Instant requestedAt) {
		if (time.isAfter(requestedAt)) {
			throw new FlipRejected(FlipError.TIME_IN_FUTURE);
		}
	}

}
