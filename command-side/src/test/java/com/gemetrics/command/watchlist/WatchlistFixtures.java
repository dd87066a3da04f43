package com.gemetrics.command.watchlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.WatchItemCommand;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.api.watchlist.WatchlistLimits;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Shared values and builders for the watchlist tests. */
final class WatchlistFixtures {

	static final UserId OWNER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));

	static final WatchlistId WATCHLIST = new WatchlistId(OWNER);

	static final int WHIP = 4151;

	static final int DRAGON_BONES = 536;

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	static final WatchlistLimits LIMITS = new WatchlistLimits(10, 10, 200);

	private WatchlistFixtures() {
	}

	static AlertRule rule(String id, AlertType type, long value) {
		return new AlertRule(id, type, value, true);
	}

	static AlertRule above(String id, long value) {
		return rule(id, AlertType.PRICE_AT_OR_ABOVE, value);
	}

	static WatchItemCommand watch(int itemId, AlertRule... rules) {
		return watch(itemId, LIMITS, rules);
	}

	static WatchItemCommand watch(int itemId, WatchlistLimits limits, AlertRule... rules) {
		return new WatchItemCommand(WATCHLIST, OWNER, itemId, List.of(rules), limits, NOW);
	}

	static ItemWatchedEvent watched(int itemId, AlertRule... rules) {
		return new ItemWatchedEvent(WATCHLIST, OWNER, itemId, List.of(rules), NOW);
	}

	static Matcher<WatchlistRejected> rejectedWith(WatchlistError error) {
		return new TypeSafeMatcher<>() {

			@Override
			protected boolean matchesSafely(WatchlistRejected rejected) {
				return rejected.error() == error && rejected.code().equals(error.name());
			}

			@Override
			public void describeTo(Description description) {
				description.appendText("WatchlistRejected(" + error + ")");
			}

		};
	}

}
