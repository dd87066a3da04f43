package com.gemetrics.command.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.WatchlistId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert policy keeps price polls in one sequence with a fixed key (so a parked poll
 * holds back the later ones, also after a restart) and a watchlist's events in its own.
 */
class AlertPolicySequencingTest {

	final SequencingPolicy<EventMessage<?>> policy = new AlertConfig().alertPolicySequencingPolicy();

	@Test
	void everyPricePollSharesTheMarketDataSequence() {
		Instant now = Instant.parse("2026-12-04T12:00:00Z");
		EventMessage<?> first = GenericEventMessage
			.asEventMessage(new LatestPricesObservedEvent(now, List.of(new PriceQuote(4151, 1_000L, now, 900L, now))));
		EventMessage<?> second = GenericEventMessage.asEventMessage(new LatestPricesObservedEvent(now.plusSeconds(60),
				List.of(new PriceQuote(536, 2_000L, now, 1_900L, now))));

		assertThat(this.policy.getSequenceIdentifierFor(first)).isEqualTo("market-data");
		assertThat(this.policy.getSequenceIdentifierFor(second)).isEqualTo("market-data");
	}

	@Test
	void aWatchlistsEventsAreSequencedByTheirAggregate() {
		WatchlistId watchlist = new WatchlistId(new UserId(UUID.randomUUID()));
		EventMessage<?> paused = new GenericDomainEventMessage<>("Watchlist", watchlist.toString(), 3,
				new AlertRulePausedEvent(watchlist, watchlist.userId(), 4151, "rule", Instant.now()));

		assertThat(this.policy.getSequenceIdentifierFor(paused)).isEqualTo(watchlist.toString());
	}

}
