package com.gemetrics.command.flip;

import java.time.Instant;

import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.flip.RecordFlipSaleCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.gemetrics.command.flip.FlipFixtures.BOUGHT_AT;
import static com.gemetrics.command.flip.FlipFixtures.FLIP;
import static com.gemetrics.command.flip.FlipFixtures.NOW;
import static com.gemetrics.command.flip.FlipFixtures.OWNER;
import static com.gemetrics.command.flip.FlipFixtures.SOLD_AT;
import static com.gemetrics.command.flip.FlipFixtures.STRANGER;
import static com.gemetrics.command.flip.FlipFixtures.WHIP;
import static com.gemetrics.command.flip.FlipFixtures.opened;
import static com.gemetrics.command.flip.FlipFixtures.rejectedWith;
import static com.gemetrics.command.flip.FlipFixtures.sold;

class FlipTest {

	private AggregateTestFixture<Flip> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Flip.class);
	}

	@Test
	void canOpenFlip() {
		this.fixture.givenNoPriorActivity()
			.when(open(100, 1_500_000))
			.expectSuccessfulHandlerExecution()
			.expectEvents(new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, 100, 1_500_000, BOUGHT_AT));
	}

	@Test
	void canOpenFlipAtTheHighestPriceAndBoughtJustNow() {
		this.fixture.givenNoPriorActivity()
			.when(new OpenFlipCommand(FLIP, OWNER, "main", WHIP, 1, Integer.MAX_VALUE, NOW, NOW))
			.expectEvents(new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, 1, Integer.MAX_VALUE, NOW));
	}

	@Test
	void cannotOpenFlipWithoutQuantity() {
		this.fixture.givenNoPriorActivity()
			.when(open(0, 1_500_000))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.QUANTITY_NOT_POSITIVE));
	}

	@Test
	void cannotOpenFlipWithFreePrice() {
		this.fixture.givenNoPriorActivity()
			.when(open(1, 0))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
	}

	@Test
	void cannotOpenFlipAbovePriceCap() {
		this.fixture.givenNoPriorActivity()
			.when(open(1, Integer.MAX_VALUE + 1L))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
	}

	@Test
	void cannotOpenFlipWhoseTotalOverflows() {
		this.fixture.givenNoPriorActivity()
			.when(open(Long.MAX_VALUE / 2, 3))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.TOTAL_OUT_OF_RANGE));
	}

	@Test
	void cannotOpenFlipBoughtInTheFuture() {
		this.fixture.givenNoPriorActivity()
			.when(new OpenFlipCommand(FLIP, OWNER, "main", WHIP, 1, 100, NOW.plusSeconds(1), NOW))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.TIME_IN_FUTURE));
	}

	@Test
	void canRecordPartialSale() {
		this.fixture.given(opened(100))
			.when(sell("s1", 40, SOLD_AT))
			.expectSuccessfulHandlerExecution()
			.expectEvents(new FlipSaleRecordedEvent(FLIP, OWNER, "s1", 40, 1_600_000, SOLD_AT));
	}

	@Test
	void canSellExactlyWhatIsLeft() {
		this.fixture.given(opened(100), sold("s1", 60))
			.when(sell("s2", 40, SOLD_AT))
			.expectEvents(new FlipSaleRecordedEvent(FLIP, OWNER, "s2", 40, 1_600_000, SOLD_AT));
	}

	@Test
	void canSellAtTheMomentOfTheBuy() {
		this.fixture.given(opened(1))
			.when(sell("s1", 1, BOUGHT_AT))
			.expectEvents(new FlipSaleRecordedEvent(FLIP, OWNER, "s1", 1, 1_600_000, BOUGHT_AT));
	}

	@Test
	void cannotSellMoreThanBought() {
		this.fixture.given(opened(100))
			.when(sell("s1", 101, SOLD_AT))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.OVERSOLD));
	}

	@Test
	void cannotSellMoreThanIsLeftAfterEarlierSales() {
		this.fixture.given(opened(100), sold("s1", 60))
			.when(sell("s2", 41, SOLD_AT))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.OVERSOLD));
	}

	@Test
	void cannotSellWithoutQuantity() {
		this.fixture.given(opened(100))
			.when(sell("s1", 0, SOLD_AT))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.QUANTITY_NOT_POSITIVE));
	}

	@Test
	void cannotSellAtPriceOutOfRange() {
		this.fixture.given(opened(100))
			.when(new RecordFlipSaleCommand(FLIP, OWNER, "s1", 1, 0, SOLD_AT, NOW))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
	}

	@Test
	void cannotSellInTheFuture() {
		this.fixture.given(opened(100))
			.when(sell("s1", 1, NOW.plusSeconds(1)))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.TIME_IN_FUTURE));
	}

	@Test
	void cannotSellBeforeTheBuy() {
		this.fixture.given(opened(100))
			.when(sell("s1", 1, BOUGHT_AT.minusSeconds(1)))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.SALE_BEFORE_BUY));
	}

	@Test
	void anotherUserCannotRecordSaleAndIsToldItDoesNotExist() {
		this.fixture.given(opened(100))
			.when(new RecordFlipSaleCommand(FLIP, STRANGER, "s1", 1, 1_600_000, SOLD_AT, NOW))
			.expectNoEvents()
			.expectException(rejectedWith(FlipError.FLIP_NOT_FOUND));
	}

	private static OpenFlipCommand open(long quantity, long pricePerItem) {
		return new OpenFlipCommand(FLIP, OWNER, "main", WHIP, quantity, pricePerItem, BOUGHT_AT, NOW);
	}

	private static RecordFlipSaleCommand sell(String saleId, long quantity, Instant soldAt) {
		return new RecordFlipSaleCommand(FLIP, OWNER, saleId, quantity, 1_600_000, soldAt, NOW);
	}

}
