package com.gemetrics.query.rollups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.WatchlistId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollups' dead-letter sequences: a poison event parks only its own flip's,
 * watchlist's, or the polls' later events, under keys that survive a restart (strings).
 */
class RollupsSequencingPolicyTest {

	final SequencingPolicy<EventMessage<?>> policy = new RollupsConfig().rollupsSequencingPolicy();

	@Test
	void pollsShareTheMarketDataSequence() {
		assertThat(this.policy.getSequenceIdentifierFor(GenericEventMessage
			.asEventMessage(new VolumeWindowObservedEvent(Timestep.ONE_HOUR, Instant.EPOCH, List.of()))))
			.isEqualTo("market-data");
	}

	@Test
	void alertsAreSequencedByTheirWatchlistAndFlipEventsByTheirFlip() {
		UserId user = new UserId(UUID.randomUUID());
		WatchlistId watchlist = new WatchlistId(user);
		FlipId flip = new FlipId(UUID.randomUUID());

		assertThat(this.policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Watchlist",
				watchlist.toString(), 3, new AlertTriggeredEvent(watchlist, user, "a", "r", 1,
						AlertType.MARGIN_AT_OR_ABOVE, 1, 2, Instant.EPOCH, Instant.EPOCH))))
			.isEqualTo(watchlist.toString());
		assertThat(this.policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Flip", flip.toString(), 1,
				new FlipSaleRecordedEvent(flip, user, "s", 1, 1, Instant.EPOCH))))
			.isEqualTo(flip.toString());
	}

}
