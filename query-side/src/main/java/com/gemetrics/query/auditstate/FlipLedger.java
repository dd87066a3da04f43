package com.gemetrics.query.auditstate;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDetailView;
import com.gemetrics.api.flip.FlipDetailView.SaleView;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipProfit;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipView;
import com.gemetrics.api.flip.FlipWrittenOffEvent;

/**
 * One flip rebuilt from its events, with the journal's rules: every sale taxed under the
 * GE tax in force when it was sold and its profit taken against the buy price in force
 * ({@link FlipProfit}, as the journal projection does); a corrected buy restates every
 * sale, a corrected sale replaces the sale; a write-off counts as sold for nothing. Times
 * are kept to the microsecond, as the journal's tables keep them, so the rebuilt view of
 * "now" equals {@code GET /api/v1/flips/{id}}.
 */
final class FlipLedger {

	static final String SALE = "sale";

	static final String WRITE_OFF = "write-off";

	/** Sales by sold time, then id: the journal's order. */
	private static final Comparator<Trade> TRADE_ORDER = Comparator.comparing(Trade::soldAt)
		.thenComparing(Trade::saleId);

	private final UUID flipId;

	private final String account;

	private final int itemId;

	private long quantity;

	private long buyPrice;

	private Instant boughtAt;

	private final Map<String, Trade> sales = new LinkedHashMap<>();

	private Trade writeOff;

	private FlipLedger(FlipOpenedEvent event) {
		this.flipId = event.flipId().value();
		this.account = event.account();
		this.itemId = event.itemId();
		this.quantity = event.quantity();
		this.buyPrice = event.pricePerItem();
		this.boughtAt = micros(event.boughtAt());
	}

	static FlipLedger opened(FlipOpenedEvent event) {
		return new FlipLedger(event);
	}

	UUID flipId() {
		return this.flipId;
	}

	int itemId() {
		return this.itemId;
	}

	Instant boughtAt() {
		return this.boughtAt;
	}

	void on(FlipSaleRecordedEvent event) {
		this.sales.put(event.saleId(), sale(event.saleId(), event.quantity(), event.pricePerItem(), event.soldAt()));
	}

	void on(FlipSaleCorrectedEvent event) {
		this.sales.put(event.saleId(), sale(event.saleId(), event.quantity(), event.pricePerItem(), event.soldAt()));
	}

	void on(FlipBuyCorrectedEvent event) {
		this.quantity = event.quantity();
		this.buyPrice = event.pricePerItem();
		this.boughtAt = micros(event.boughtAt());
	}

	void on(FlipWrittenOffEvent event) {
		this.writeOff = new Trade(WRITE_OFF, WRITE_OFF, event.quantity(), 0, 0, micros(event.writtenOffAt()));
	}

	/** The flip with its totals and trades, as the journal shows it. */
	FlipDetailView view(String itemName) {
		List<Trade> trades = new ArrayList<>(this.sales.values());
		if (this.writeOff != null) {
			trades.add(this.writeOff);
		}
		trades.sort(TRADE_ORDER);
		long sold = 0;
		long writtenOff = 0;
		BigInteger revenue = BigInteger.ZERO;
		BigInteger tax = BigInteger.ZERO;
		BigInteger profit = BigInteger.ZERO;
		Instant lastSale = null;
		Instant lastAny = null;
		List<SaleView> views = new ArrayList<>();
		for (Trade trade : trades) {
			long tradeProfit = FlipProfit.profit(trade.quantity(), trade.price(), trade.taxPerItem(), this.buyPrice);
			views.add(new SaleView(trade.saleId(), trade.kind(), trade.quantity(), trade.price(), trade.taxPerItem(),
					trade.quantity() * trade.taxPerItem(), tradeProfit, trade.soldAt()));
			if (SALE.equals(trade.kind())) {
				sold += trade.quantity();
				lastSale = later(lastSale, trade.soldAt());
			}
			else {
				writtenOff += trade.quantity();
			}
			lastAny = later(lastAny, trade.soldAt());
			revenue = revenue.add(BigInteger.valueOf(trade.quantity()).multiply(BigInteger.valueOf(trade.price())));
			tax = tax.add(BigInteger.valueOf(trade.quantity()).multiply(BigInteger.valueOf(trade.taxPerItem())));
			profit = profit.add(BigInteger.valueOf(tradeProfit));
		}
		boolean closed = FlipProfit.isClosed(this.quantity, sold, writtenOff);
		FlipView flip = new FlipView(this.flipId.toString(), this.account, this.itemId, itemName,
				closed ? "closed" : "open", this.quantity, this.buyPrice, this.boughtAt, sold, writtenOff,
				this.quantity - sold - writtenOff, this.quantity * this.buyPrice, revenue, tax, profit, lastSale,
				closed ? lastAny : null);
		return new FlipDetailView(flip, List.copyOf(views));
	}

	private Trade sale(String saleId, long quantity, long price, Instant soldAt) {
		return new Trade(saleId, SALE, quantity, price, FlipProfit.taxPerItem(this.itemId, price, soldAt),
				micros(soldAt));
	}

	private static Instant later(Instant a, Instant b) {
		return (a == null || b.isAfter(a)) ? b : a;
	}

	static Instant micros(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS) : null;
	}

	/**
	 * A sale or the write-off.
	 *
	 * @param saleId the sale id ({@code write-off} for the write-off)
	 * @param kind {@link #SALE} or {@link #WRITE_OFF}
	 * @param quantity items
	 * @param price per item before tax
	 * @param taxPerItem GE tax per item under the rule in force when sold
	 * @param soldAt when
	 */
	private record Trade(String saleId, String kind, long quantity, long price, long taxPerItem, Instant soldAt) {
	}

}
