package com.gemetrics.command.flip;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.user.UserId;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Shared ids, times and events for flip tests. */
final class FlipFixtures {

	static final FlipId FLIP = new FlipId(UUID.fromString("00000000-0000-0000-0000-00000000f11b"));

	static final UserId OWNER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));

	static final UserId STRANGER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000b2"));

	static final int WHIP = 4151;

	static final Instant BOUGHT_AT = Instant.parse("2026-01-10T12:00:00Z");

	static final Instant SOLD_AT = BOUGHT_AT.plusSeconds(3600);

	static final Instant NOW = BOUGHT_AT.plusSeconds(86_400);

	/** Just past the clock skew allowed after {@link #NOW}. */
	static final Instant BEYOND_SKEW = NOW.plus(GeLimits.MAX_CLOCK_SKEW).plusMillis(1);

	/** Just before the Grand Exchange opened. */
	static final Instant BEFORE_GE_OPENED = GeLimits.GE_OPENED.minusMillis(1);

	private FlipFixtures() {
	}

	static FlipOpenedEvent opened(long quantity) {
		return new FlipOpenedEvent(FLIP, OWNER, "main", WHIP, quantity, 1_500_000, BOUGHT_AT);
	}

	static FlipSaleRecordedEvent sold(String saleId, long quantity) {
		return new FlipSaleRecordedEvent(FLIP, OWNER, saleId, quantity, 1_600_000, SOLD_AT);
	}

	static FlipBuyCorrectedEvent buyCorrected(long quantity, long pricePerItem, Instant boughtAt) {
		return new FlipBuyCorrectedEvent(FLIP, OWNER, quantity, pricePerItem, boughtAt, NOW);
	}

	static FlipSaleCorrectedEvent saleCorrected(String saleId, long quantity, long pricePerItem, Instant soldAt) {
		return new FlipSaleCorrectedEvent(FLIP, OWNER, saleId, quantity, pricePerItem, soldAt, NOW);
	}

	static FlipWrittenOffEvent writtenOff(long quantity) {
		return new FlipWrittenOffEvent(FLIP, OWNER, quantity, NOW);
	}

	static FlipDeletedEvent deleted() {
		return new FlipDeletedEvent(FLIP, OWNER, NOW);
	}

	static Matcher<FlipRejected> rejectedWith(FlipError error) {
		return new TypeSafeMatcher<>() {

			@Override
			protected boolean matchesSafely(FlipRejected rejected) {
				return rejected.error() == error && rejected.code().equals(error.name());
			}

			@Override
			public void describeTo(Description description) {
				description.appendText("FlipRejected(" + error + ")");
			}

		};
	}

}
