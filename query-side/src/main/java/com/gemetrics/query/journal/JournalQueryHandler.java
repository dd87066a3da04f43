package com.gemetrics.query.journal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.gemetrics.api.flip.BuyLimitsView;
import com.gemetrics.api.flip.FindFlipQuery;
import com.gemetrics.api.flip.FindFlipStatsQuery;
import com.gemetrics.api.flip.FlipDetailView;
import com.gemetrics.api.flip.FlipPage;
import com.gemetrics.api.flip.FlipStatsView;
import com.gemetrics.api.flip.FlipStatsView.Figures;
import com.gemetrics.api.flip.FlipView;
import com.gemetrics.api.flip.ListBuyLimitsQuery;
import com.gemetrics.api.flip.ListFlipsQuery;
import com.gemetrics.api.flip.ListPositionsQuery;
import com.gemetrics.api.flip.PositionsView;
import com.gemetrics.api.price.GeTax;
import com.gemetrics.query.journal.JournalReadRepository.ClosedFlips;
import com.gemetrics.query.journal.JournalReadRepository.Losses;
import com.gemetrics.query.journal.JournalReadRepository.OpenPosition;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/**
 * Answers the journal's queries from {@code read.flips} and
 * {@code read.user_transactions}. Stats combine trade figures (trades in the range) and
 * flip figures (flips closed in the range), per account and over all of them; positions
 * are valued at the latest {@code high} with the GE tax of a sale now. Every sum is exact
 * ({@link BigInteger}): nothing here can overflow, whatever the user stored.
 */
@Component
class JournalQueryHandler {

	static final int BUY_LIMIT_WINDOW_HOURS = 4;

	private final JournalReadRepository repository;

	private final Clock clock;

	JournalQueryHandler(JournalReadRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	@QueryHandler
	FlipPage handle(ListFlipsQuery query) {
		List<FlipView> flips = this.repository.page(query, JournalParameters.after(query.cursor()), query.limit() + 1);
		String nextCursor = null;
		if (flips.size() > query.limit()) {
			flips = flips.subList(0, query.limit());
			FlipView last = flips.get(flips.size() - 1);
			nextCursor = new FlipCursor(last.boughtAt(), UUID.fromString(last.id())).encode();
		}
		return new FlipPage(List.copyOf(flips), nextCursor);
	}

	@QueryHandler
	FlipDetailView handle(FindFlipQuery query) {
		return this.repository.flip(query.userId().value(), query.flipId().value())
			.map((flip) -> new FlipDetailView(flip,
					this.repository.sales(query.userId().value(), query.flipId().value())))
			.orElse(null);
	}

	@QueryHandler
	FlipStatsView handle(FindFlipStatsQuery query) {
		List<Figures> trades = this.repository.tradeFigures(query.userId().value(), query.account(), query.from(),
				query.to());
		List<ClosedFlips> closed = this.repository.closedFlips(query.userId().value(), query.account(), query.from(),
				query.to());
		Map<String, Figures> tradesByAccount = new HashMap<>();
		trades.forEach((figures) -> tradesByAccount.put(figures.account(), figures));
		Map<String, ClosedFlips> closedByAccount = new HashMap<>();
		closed.forEach((flips) -> closedByAccount.put(flips.account(), flips));
		TreeSet<String> accounts = new TreeSet<>(tradesByAccount.keySet());
		accounts.addAll(closedByAccount.keySet());
		List<Figures> perAccount = new ArrayList<>();
		BigInteger profit = BigInteger.ZERO;
		BigInteger cost = BigInteger.ZERO;
		long tradeCount = 0;
		ClosedFlips allClosed = new ClosedFlips(null, 0, BigInteger.ZERO, BigInteger.ZERO);
		for (String account : accounts) {
			Figures traded = tradesByAccount.getOrDefault(account,
					new Figures(account, BigInteger.ZERO, BigInteger.ZERO, null, 0, 0, null, null, null));
			ClosedFlips flips = closedByAccount.getOrDefault(account,
					new ClosedFlips(account, 0, BigInteger.ZERO, BigInteger.ZERO));
			perAccount.add(figures(account, traded.totalProfit(), traded.costOfSold(), traded.trades(), flips));
			profit = profit.add(traded.totalProfit());
			cost = cost.add(traded.costOfSold());
			tradeCount += traded.trades();
			allClosed = new ClosedFlips(null, allClosed.flips() + flips.flips(), allClosed.profit().add(flips.profit()),
					allClosed.heldSeconds().add(flips.heldSeconds()));
		}
		Losses losses = this.repository.losses(query.userId().value(), query.account(), query.from(), query.to());
		return new FlipStatsView(query.account(), query.from(), query.to(),
				figures(null, profit, cost, tradeCount, allClosed), losses.trades(), losses.total(),
				this.repository.bestItems(query.userId().value(), query.account(), query.from(), query.to()),
				this.repository.worstItems(query.userId().value(), query.account(), query.from(), query.to()),
				this.repository.profitPerDay(query.userId().value(), query.account(), query.from(), query.to()),
				List.copyOf(perAccount));
	}

	@QueryHandler
	PositionsView handle(ListPositionsQuery query) {
		Instant now = this.clock.instant();
		List<PositionsView.Position> positions = new ArrayList<>();
		for (OpenPosition open : this.repository.openPositions(query.userId().value(), query.account())) {
			Long tax = null;
			BigInteger value = null;
			BigInteger unrealized = null;
			if (open.high() != null) {
				tax = GeTax.taxPerItem(open.itemId(), open.high(), now);
				value = open.openQuantity().multiply(BigInteger.valueOf(open.high()));
				unrealized = open.openQuantity().multiply(BigInteger.valueOf(open.high() - tax)).subtract(open.cost());
			}
			positions.add(new PositionsView.Position(open.account(), open.itemId(), open.itemName(),
					open.openQuantity(), open.cost().divide(open.openQuantity()).longValueExact(), open.cost(),
					open.high(), tax, value, unrealized));
		}
		return new PositionsView(now, List.copyOf(positions));
	}

	@QueryHandler
	BuyLimitsView handle(ListBuyLimitsQuery query) {
		Instant now = this.clock.instant();
		return new BuyLimitsView(now, BUY_LIMIT_WINDOW_HOURS,
				List.copyOf(this.repository.buyLimits(query.userId().value(), query.account(), now)));
	}

	private static Figures figures(String account, BigInteger profit, BigInteger cost, long trades,
			ClosedFlips closed) {
		Double roi = (cost.signum() != 0) ? profit.doubleValue() / cost.doubleValue() : null;
		BigInteger flips = BigInteger.valueOf(closed.flips());
		BigInteger averageProfit = (closed.flips() > 0) ? floorDiv(closed.profit(), flips) : null;
		Long averageHold = (closed.flips() > 0) ? closed.heldSeconds().divide(flips).longValueExact() : null;
		BigInteger perHour = (closed.heldSeconds().signum() > 0)
				? floorDiv(closed.profit().multiply(BigInteger.valueOf(3600)), closed.heldSeconds()) : null;
		return new Figures(account, profit, cost, roi, trades, closed.flips(), averageProfit, averageHold, perHour);
	}

	/** Division rounded down (towards negative infinity), as {@link Math#floorDiv}. */
	private static BigInteger floorDiv(BigInteger dividend, BigInteger divisor) {
		return new BigDecimal(dividend).divide(new BigDecimal(divisor), 0, RoundingMode.FLOOR).toBigIntegerExact();
	}

}
