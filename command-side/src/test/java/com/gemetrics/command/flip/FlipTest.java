package com.gemetrics.command.flip;

import java.time.Instant;

import com.gemetrics.api.price.GeLimits;

import com.gemetrics.api.flip.CorrectFlipBuyCommand;
import com.gemetrics.api.flip.CorrectFlipSaleCommand;
import com.gemetrics.api.flip.DeleteFlipCommand;
import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.flip.RecordFlipSaleCommand;
import com.gemetrics.api.flip.WriteOffFlipCommand;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.gemetrics.command.flip.FlipFixtures.BOUGHT_AT;
import static com.gemetrics.command.flip.FlipFixtures.BEFORE_GE_OPENED;
import static com.gemetrics.command.flip.FlipFixtures.BEYOND_SKEW;
import static com.gemetrics.command.flip.FlipFixtures.FLIP;
import static com.gemetrics.command.flip.FlipFixtures.NOW;
import static com.gemetrics.command.flip.FlipFixtures.OWNER;
import static com.gemetrics.command.flip.FlipFixtures.SOLD_AT;
import static com.gemetrics.command.flip.FlipFixtures.STRANGER;
import static com.gemetrics.command.flip.FlipFixtures.WHIP;
import static com.gemetrics.command.flip.FlipFixtures.buyCorrected;
import static com.gemetrics.command.flip.FlipFixtures.deleted;
import static com.gemetrics.command.flip.FlipFixtures.opened;
import static com.gemetrics.command.flip.FlipFixtures.rejectedWith;
import static com.gemetrics.command.flip.FlipFixtures.saleCorrected;
import static com.gemetrics.command.flip.FlipFixtures.sold;
import static com.gemetrics.command.flip.FlipFixtures.writtenOff;

class FlipTest {

	private AggregateTestFixture<Flip> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Flip.class);
	}

	@Nested
	class Opening {

		@Test
		void canOpenFlip() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(open(100, 1_500_000))
				.expectSuccessfulHandlerExecution()
				.expectEvents(new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, 100, 1_500_000, BOUGHT_AT));
		}

		@Test
		void canOpenFlipAtTheHighestPriceAndBoughtJustNow() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(new OpenFlipCommand(FLIP, OWNER, "main", WHIP, 1, Integer.MAX_VALUE, NOW, NOW))
				.expectEvents(new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, 1, Integer.MAX_VALUE, NOW));
		}

		@ParameterizedTest
		@ValueSource(strings = { "default", "Zezima", "Iron_man 2-b", "a", "abcdefghijklmnopqrstuvwxyz012345" })
		void canOpenFlipOnANamedAccount(String account) {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(new OpenFlipCommand(FLIP, OWNER, account, WHIP, 1, 100, BOUGHT_AT, NOW))
				.expectEvents(new FlipOpenedEvent(FLIP, OWNER, account, WHIP, 1, 100, BOUGHT_AT));
		}

		@ParameterizedTest
		@NullSource
		@ValueSource(strings = { "", " ", " main", "main ", "abcdefghijklmnopqrstuvwxyz0123456", "bad!", "ünï",
				"tab\there", "new\nline" })
		void cannotOpenFlipOnAnInvalidAccount(String account) {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(new OpenFlipCommand(FLIP, OWNER, account, WHIP, 1, 100, BOUGHT_AT, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.INVALID_ACCOUNT));
		}

		@Test
		void cannotOpenFlipWithoutQuantity() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(open(0, 1_500_000))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_NOT_POSITIVE));
		}

		@Test
		void cannotOpenFlipWithNegativeQuantity() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(open(-1, 1_500_000))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_NOT_POSITIVE));
		}

		@Test
		void cannotOpenFlipWithFreePrice() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(open(1, 0))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
		}

		@Test
		void cannotOpenFlipAbovePriceCap() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(open(1, Integer.MAX_VALUE + 1L))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
		}

		@Test
		void canOpenFlipOfAFullStackAtTheHighestPriceOnTheDayTheGrandExchangeOpened() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(new OpenFlipCommand(FLIP, OWNER, "main", WHIP, Integer.MAX_VALUE, Integer.MAX_VALUE,
						GeLimits.GE_OPENED, NOW))
				.expectEvents(new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, Integer.MAX_VALUE, Integer.MAX_VALUE,
						GeLimits.GE_OPENED));
		}

		@Test
		void cannotOpenFlipOfMoreThanAStack() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(open(Integer.MAX_VALUE + 1L, 1))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_TOO_LARGE));
		}

		@Test
		void cannotOpenFlipWhoseTotalWouldOverflow() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(open(Long.MAX_VALUE / 2, 3))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_TOO_LARGE));
		}

		@Test
		void canOpenFlipBoughtWithinTheClockSkew() {
			Instant ahead = NOW.plus(GeLimits.MAX_CLOCK_SKEW);
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(new OpenFlipCommand(FLIP, OWNER, "main", WHIP, 1, 100, ahead, NOW))
				.expectEvents(new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, 1, 100, ahead));
		}

		@Test
		void cannotOpenFlipBoughtInTheFuture() {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(new OpenFlipCommand(FLIP, OWNER, "main", WHIP, 1, 100, BEYOND_SKEW, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_IN_FUTURE));
		}

		@ParameterizedTest
		@ValueSource(strings = { "2013-02-21T23:59:59.999Z", "-3000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z" })
		void cannotOpenFlipBoughtBeforeTheGrandExchangeOpened(String boughtAt) {
			FlipTest.this.fixture.givenNoPriorActivity()
				.when(new OpenFlipCommand(FLIP, OWNER, "main", WHIP, 1, 100, Instant.parse(boughtAt), NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_BEFORE_GE_OPENED));
		}

	}

	@Nested
	class Selling {

		@Test
		void canRecordPartialSaleAndAnswersItsSequenceNumber() {
			FlipTest.this.fixture.given(opened(100))
				.when(sell("s1", 40, SOLD_AT))
				.expectSuccessfulHandlerExecution()
				.expectEvents(new FlipSaleRecordedEvent(FLIP, OWNER, "s1", 40, 1_600_000, SOLD_AT))
				.expectResultMessagePayload(1L);
		}

		@Test
		void canSellExactlyWhatIsLeft() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(sell("s2", 40, SOLD_AT))
				.expectEvents(new FlipSaleRecordedEvent(FLIP, OWNER, "s2", 40, 1_600_000, SOLD_AT))
				.expectResultMessagePayload(2L);
		}

		@Test
		void canSellAtTheMomentOfTheBuy() {
			FlipTest.this.fixture.given(opened(1))
				.when(sell("s1", 1, BOUGHT_AT))
				.expectEvents(new FlipSaleRecordedEvent(FLIP, OWNER, "s1", 1, 1_600_000, BOUGHT_AT));
		}

		@Test
		void cannotSellMoreThanBought() {
			FlipTest.this.fixture.given(opened(100))
				.when(sell("s1", 101, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.OVERSOLD));
		}

		@Test
		void cannotSellMoreThanIsLeftAfterEarlierSales() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(sell("s2", 41, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.OVERSOLD));
		}

		@Test
		void soldQuantitiesCountAsCorrected() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), saleCorrected("s1", 90, 1_600_000, SOLD_AT))
				.when(sell("s2", 11, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.OVERSOLD));
		}

		@Test
		void boughtQuantityCountsAsCorrected() {
			FlipTest.this.fixture.given(opened(100), buyCorrected(50, 1_500_000, BOUGHT_AT))
				.when(sell("s1", 51, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.OVERSOLD));
		}

		@Test
		void cannotSellWithoutQuantity() {
			FlipTest.this.fixture.given(opened(100))
				.when(sell("s1", 0, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_NOT_POSITIVE));
		}

		@Test
		void cannotSellAtPriceOutOfRange() {
			FlipTest.this.fixture.given(opened(100))
				.when(new RecordFlipSaleCommand(FLIP, OWNER, "s1", 1, 0, SOLD_AT, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
		}

		@Test
		void cannotSellMoreThanAStack() {
			FlipTest.this.fixture.given(opened(100))
				.when(new RecordFlipSaleCommand(FLIP, OWNER, "s1", Integer.MAX_VALUE + 1L, 8, SOLD_AT, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_TOO_LARGE));
		}

		@Test
		void canSellAFullStackAtTheHighestPrice() {
			FlipTest.this.fixture.given(new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, Integer.MAX_VALUE, 1, BOUGHT_AT))
				.when(new RecordFlipSaleCommand(FLIP, OWNER, "s1", Integer.MAX_VALUE, Integer.MAX_VALUE, SOLD_AT, NOW))
				.expectEvents(
						new FlipSaleRecordedEvent(FLIP, OWNER, "s1", Integer.MAX_VALUE, Integer.MAX_VALUE, SOLD_AT));
		}

		@Test
		void cannotSellInTheFuture() {
			FlipTest.this.fixture.given(opened(100))
				.when(sell("s1", 1, BEYOND_SKEW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_IN_FUTURE));
		}

		@Test
		void cannotSellBeforeTheGrandExchangeOpened() {
			FlipTest.this.fixture.given(opened(100))
				.when(sell("s1", 1, BEFORE_GE_OPENED))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_BEFORE_GE_OPENED));
		}

		@Test
		void cannotSellBeforeTheBuy() {
			FlipTest.this.fixture.given(opened(100))
				.when(sell("s1", 1, BOUGHT_AT.minusSeconds(1)))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.SALE_BEFORE_BUY));
		}

		@Test
		void cannotSellBeforeTheCorrectedBuy() {
			FlipTest.this.fixture.given(opened(100), buyCorrected(100, 1_500_000, SOLD_AT))
				.when(sell("s1", 1, SOLD_AT.minusSeconds(1)))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.SALE_BEFORE_BUY));
		}

		@Test
		void cannotSellFromAClosedFlip() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), writtenOff(40))
				.when(sell("s2", 1, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_CLOSED));
		}

		@Test
		void anotherUserCannotRecordSaleAndIsToldItDoesNotExist() {
			FlipTest.this.fixture.given(opened(100))
				.when(new RecordFlipSaleCommand(FLIP, STRANGER, "s1", 1, 1_600_000, SOLD_AT, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_NOT_FOUND));
		}

	}

	@Nested
	class CorrectingTheBuy {

		@Test
		void canCorrectQuantityPriceAndTimeAndAnswersTheSequenceNumber() {
			Instant earlier = BOUGHT_AT.minusSeconds(600);
			FlipTest.this.fixture.given(opened(100), sold("s1", 40))
				.when(correctBuy(80, 1_400_000, earlier))
				.expectEvents(new FlipBuyCorrectedEvent(FLIP, OWNER, 80, 1_400_000, earlier, NOW))
				.expectResultMessagePayload(2L);
		}

		@Test
		void correctingToTheValuesInForceIsANoOp() {
			FlipTest.this.fixture.given(opened(100), buyCorrected(90, 1_400_000, BOUGHT_AT))
				.when(correctBuy(90, 1_400_000, BOUGHT_AT))
				.expectSuccessfulHandlerExecution()
				.expectNoEvents()
				.expectResultMessagePayload(1L);
		}

		@Test
		void canCorrectDownToExactlyWhatIsSold() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctBuy(60, 1_500_000, BOUGHT_AT))
				.expectEvents(new FlipBuyCorrectedEvent(FLIP, OWNER, 60, 1_500_000, BOUGHT_AT, NOW));
		}

		@Test
		void cannotCorrectBelowWhatIsSold() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctBuy(59, 1_500_000, BOUGHT_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.OVERSOLD));
		}

		@Test
		void canCorrectBuyTimeToTheMomentOfTheFirstSale() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 10))
				.when(correctBuy(100, 1_500_000, SOLD_AT))
				.expectEvents(new FlipBuyCorrectedEvent(FLIP, OWNER, 100, 1_500_000, SOLD_AT, NOW));
		}

		@Test
		void cannotCorrectBuyTimeToAfterASale() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 10))
				.when(correctBuy(100, 1_500_000, SOLD_AT.plusSeconds(1)))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.SALE_BEFORE_BUY));
		}

		@Test
		void cannotCorrectBuyTimeToAfterACorrectedSale() {
			Instant early = BOUGHT_AT.plusSeconds(60);
			FlipTest.this.fixture.given(opened(100), sold("s1", 10), saleCorrected("s1", 10, 1_600_000, early))
				.when(correctBuy(100, 1_500_000, early.plusSeconds(1)))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.SALE_BEFORE_BUY));
		}

		@Test
		void cannotCorrectBuyIntoTheFuture() {
			FlipTest.this.fixture.given(opened(100))
				.when(correctBuy(100, 1_500_000, BEYOND_SKEW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_IN_FUTURE));
		}

		@Test
		void cannotCorrectBuyToBeforeTheGrandExchangeOpened() {
			FlipTest.this.fixture.given(opened(100))
				.when(correctBuy(100, 1_500_000, BEFORE_GE_OPENED))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_BEFORE_GE_OPENED));
		}

		@Test
		void cannotCorrectToNoQuantity() {
			FlipTest.this.fixture.given(opened(100))
				.when(correctBuy(0, 1_500_000, BOUGHT_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_NOT_POSITIVE));
		}

		@Test
		void cannotCorrectToAPriceOutOfRange() {
			FlipTest.this.fixture.given(opened(100))
				.when(correctBuy(100, Integer.MAX_VALUE + 1L, BOUGHT_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
		}

		@Test
		void cannotCorrectToMoreThanAStack() {
			FlipTest.this.fixture.given(opened(100))
				.when(correctBuy(Long.MAX_VALUE / 2, 3, BOUGHT_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_TOO_LARGE));
		}

		@Test
		void canCorrectPriceAndTimeOfAClosedFlip() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), writtenOff(40))
				.when(correctBuy(100, 1_000, BOUGHT_AT.minusSeconds(1)))
				.expectEvents(new FlipBuyCorrectedEvent(FLIP, OWNER, 100, 1_000, BOUGHT_AT.minusSeconds(1), NOW));
		}

		@Test
		void cannotChangeTheQuantityOfAClosedFlip() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), writtenOff(40))
				.when(correctBuy(101, 1_500_000, BOUGHT_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_CLOSED));
		}

		@Test
		void anotherUserIsToldItDoesNotExist() {
			FlipTest.this.fixture.given(opened(100))
				.when(new CorrectFlipBuyCommand(FLIP, STRANGER, 100, 1_500_000, BOUGHT_AT, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_NOT_FOUND));
		}

	}

	@Nested
	class CorrectingASale {

		@Test
		void canCorrectQuantityPriceAndTimeAndAnswersTheSequenceNumber() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 40), sold("s2", 10))
				.when(correctSale("s1", 50, 1_700_000, SOLD_AT.plusSeconds(5)))
				.expectEvents(new FlipSaleCorrectedEvent(FLIP, OWNER, "s1", 50, 1_700_000, SOLD_AT.plusSeconds(5), NOW))
				.expectResultMessagePayload(3L);
		}

		@Test
		void correctingToTheValuesInForceIsANoOp() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 40))
				.when(correctSale("s1", 40, 1_600_000, SOLD_AT))
				.expectSuccessfulHandlerExecution()
				.expectNoEvents()
				.expectResultMessagePayload(1L);
		}

		@Test
		void canCorrectUpToExactlyWhatIsLeft() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), sold("s2", 30))
				.when(correctSale("s1", 70, 1_600_000, SOLD_AT))
				.expectEvents(new FlipSaleCorrectedEvent(FLIP, OWNER, "s1", 70, 1_600_000, SOLD_AT, NOW));
		}

		@Test
		void cannotCorrectIntoAnOversell() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), sold("s2", 30))
				.when(correctSale("s1", 71, 1_600_000, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.OVERSOLD));
		}

		@Test
		void cannotCorrectAnUnknownSale() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctSale("s9", 1, 1_600_000, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.SALE_NOT_FOUND));
		}

		@Test
		void cannotCorrectToBeforeTheBuy() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctSale("s1", 60, 1_600_000, BOUGHT_AT.minusSeconds(1)))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.SALE_BEFORE_BUY));
		}

		@Test
		void cannotCorrectIntoTheFuture() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctSale("s1", 60, 1_600_000, BEYOND_SKEW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_IN_FUTURE));
		}

		@Test
		void cannotCorrectToBeforeTheGrandExchangeOpened() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctSale("s1", 60, 1_600_000, BEFORE_GE_OPENED))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.TIME_BEFORE_GE_OPENED));
		}

		@Test
		void cannotCorrectToMoreThanAStack() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctSale("s1", Integer.MAX_VALUE + 1L, 1_600_000, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_TOO_LARGE));
		}

		@Test
		void cannotCorrectToNoQuantity() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctSale("s1", 0, 1_600_000, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.QUANTITY_NOT_POSITIVE));
		}

		@Test
		void cannotCorrectToAPriceOutOfRange() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(correctSale("s1", 60, 0, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.PRICE_OUT_OF_RANGE));
		}

		@Test
		void canCorrectPriceAndTimeOfASaleOfAClosedFlip() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), writtenOff(40))
				.when(correctSale("s1", 60, 1_650_000, SOLD_AT.plusSeconds(1)))
				.expectEvents(
						new FlipSaleCorrectedEvent(FLIP, OWNER, "s1", 60, 1_650_000, SOLD_AT.plusSeconds(1), NOW));
		}

		@Test
		void cannotChangeTheQuantityOfASaleOfAClosedFlip() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60), writtenOff(40))
				.when(correctSale("s1", 59, 1_600_000, SOLD_AT))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_CLOSED));
		}

		@Test
		void anotherUserIsToldTheFlipDoesNotExistEvenForAnUnknownSale() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(new CorrectFlipSaleCommand(FLIP, STRANGER, "s9", 1, 1_600_000, SOLD_AT, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_NOT_FOUND));
		}

	}

	@Nested
	class WritingOff {

		@Test
		void writesOffTheUnsoldRestAndAnswersTheSequenceNumber() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 60))
				.when(new WriteOffFlipCommand(FLIP, OWNER, NOW))
				.expectEvents(new FlipWrittenOffEvent(FLIP, OWNER, 40, NOW))
				.expectResultMessagePayload(2L);
		}

		@Test
		void writesOffEverythingOfAnUnsoldFlip() {
			FlipTest.this.fixture.given(opened(100))
				.when(new WriteOffFlipCommand(FLIP, OWNER, NOW))
				.expectEvents(new FlipWrittenOffEvent(FLIP, OWNER, 100, NOW));
		}

		@Test
		void writesOffWhatTheCorrectionsLeft() {
			FlipTest.this.fixture
				.given(opened(100), sold("s1", 100), saleCorrected("s1", 70, 1_600_000, SOLD_AT),
						buyCorrected(90, 1_500_000, BOUGHT_AT))
				.when(new WriteOffFlipCommand(FLIP, OWNER, NOW))
				.expectEvents(new FlipWrittenOffEvent(FLIP, OWNER, 20, NOW));
		}

		@Test
		void cannotWriteOffAFlipThatIsSoldOut() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 100))
				.when(new WriteOffFlipCommand(FLIP, OWNER, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.NOTHING_TO_WRITE_OFF));
		}

		@Test
		void cannotWriteOffTwice() {
			FlipTest.this.fixture.given(opened(100), writtenOff(100))
				.when(new WriteOffFlipCommand(FLIP, OWNER, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_CLOSED));
		}

		@Test
		void anotherUserIsToldItDoesNotExist() {
			FlipTest.this.fixture.given(opened(100))
				.when(new WriteOffFlipCommand(FLIP, STRANGER, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_NOT_FOUND));
		}

	}

	@Nested
	class Deleting {

		@Test
		void deletesAndMarksTheAggregateDeleted() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 10))
				.when(new DeleteFlipCommand(FLIP, OWNER, NOW))
				.expectEvents(new FlipDeletedEvent(FLIP, OWNER, NOW))
				.expectMarkedDeleted()
				.expectResultMessagePayload(2L);
		}

		@Test
		void canDeleteAClosedFlip() {
			FlipTest.this.fixture.given(opened(100), writtenOff(100))
				.when(new DeleteFlipCommand(FLIP, OWNER, NOW))
				.expectEvents(new FlipDeletedEvent(FLIP, OWNER, NOW))
				.expectMarkedDeleted();
		}

		@Test
		void anotherUserIsToldItDoesNotExist() {
			FlipTest.this.fixture.given(opened(100))
				.when(new DeleteFlipCommand(FLIP, STRANGER, NOW))
				.expectNoEvents()
				.expectException(rejectedWith(FlipError.FLIP_NOT_FOUND));
		}

		@Test
		void aDeletedFlipTakesNoSale() {
			FlipTest.this.fixture.given(opened(100), deleted())
				.when(sell("s1", 1, SOLD_AT))
				.expectNoEvents()
				.expectException(AggregateDeletedException.class);
		}

		@Test
		void aDeletedFlipTakesNoCorrection() {
			FlipTest.this.fixture.given(opened(100), sold("s1", 1), deleted())
				.when(correctSale("s1", 2, 1_600_000, SOLD_AT))
				.expectNoEvents()
				.expectException(AggregateDeletedException.class);
		}

		@Test
		void aDeletedFlipCannotBeWrittenOffOrDeletedAgain() {
			FlipTest.this.fixture.given(opened(100), deleted())
				.when(new WriteOffFlipCommand(FLIP, OWNER, NOW))
				.expectNoEvents()
				.expectException(AggregateDeletedException.class);
			FlipTest.this.fixture.given(opened(100), deleted())
				.when(new DeleteFlipCommand(FLIP, OWNER, NOW))
				.expectNoEvents()
				.expectException(AggregateDeletedException.class);
		}

	}

	private static OpenFlipCommand open(long quantity, long pricePerItem) {
		return new OpenFlipCommand(FLIP, OWNER, "main", WHIP, quantity, pricePerItem, BOUGHT_AT, NOW);
	}

	private static RecordFlipSaleCommand sell(String saleId, long quantity, Instant soldAt) {
		return new RecordFlipSaleCommand(FLIP, OWNER, saleId, quantity, 1_600_000, soldAt, NOW);
	}

	private static CorrectFlipBuyCommand correctBuy(long quantity, long pricePerItem, Instant boughtAt) {
		return new CorrectFlipBuyCommand(FLIP, OWNER, quantity, pricePerItem, boughtAt, NOW);
	}

	private static CorrectFlipSaleCommand correctSale(String saleId, long quantity, long pricePerItem, Instant soldAt) {
		return new CorrectFlipSaleCommand(FLIP, OWNER, saleId, quantity, pricePerItem, soldAt, NOW);
	}

}
