package com.gemetrics.command.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.platform.deadletter.DeadLetterView;
import com.gemetrics.platform.deadletter.DeadLetters;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side's alert processors dead-letter too: a watch the alert policy cannot
 * store (a CHECK constraint the test adds, standing for a bug) is parked while other
 * watchlists' rules are stored, and applies on a retry once the cause is gone.
 */
@SpringBootTest(properties = { "ge.poller.enabled=false", "ge.dead-letters.retry.enabled=false",
		"ge.alerts.poll-interval=1h", "ge.auth.mail.poll-interval=1h" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class AlertPolicyDeadLetterIT {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	EventStore events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DeadLetters deadLetters;

	private JdbcTemplate owner() {
		return RealInfrastructure.asOwner(this.jdbc.getDataSource());
	}

	@AfterEach
	void removePoison() {
		owner().execute("ALTER TABLE alerts.rule_state DROP CONSTRAINT IF EXISTS it_poison_item");
	}

	@Test
	void aWatchThePolicyCannotStoreIsParkedWhileOtherWatchlistsFlowAndAppliesOnRetry() {
		assertThat(this.deadLetters.processors()).containsExactly("alert-delivery", "alert-policy");
		owner().execute("ALTER TABLE alerts.rule_state ADD CONSTRAINT it_poison_item CHECK (item_id <> 4242)");
		WatchlistId poisoned = new WatchlistId(new UserId(UUID.randomUUID()));
		WatchlistId healthy = new WatchlistId(new UserId(UUID.randomUUID()));

		watch(poisoned, 4242, "r-poisoned");
		watch(healthy, 4151, "r-healthy");

		await().atMost(TIMEOUT).until(() -> rules(healthy) == 1);
		await().atMost(TIMEOUT).until(() -> this.deadLetters.total("alert-policy") == 1);
		List<DeadLetterView> parked = this.deadLetters.list("alert-policy", 10);
		assertThat(parked).singleElement().satisfies((letter) -> {
			assertThat(letter.sequenceId()).isEqualTo(poisoned.toString());
			assertThat(letter.eventType()).isEqualTo(ItemWatchedEvent.class.getName());
			assertThat(letter.causeType()).contains("DataIntegrityViolation");
		});
		assertThat(rules(poisoned)).isZero();

		owner().execute("ALTER TABLE alerts.rule_state DROP CONSTRAINT it_poison_item");
		DeadLetters.RetryResult retried = this.deadLetters.retryAll("alert-policy", 10);

		assertThat(retried.succeeded()).isEqualTo(1);
		assertThat(retried.remaining()).isZero();
		assertThat(rules(poisoned)).isEqualTo(1);
	}

	private void watch(WatchlistId watchlist, int itemId, String ruleId) {
		ItemWatchedEvent event = new ItemWatchedEvent(watchlist, watchlist.userId(), itemId,
				List.of(new AlertRule(ruleId, AlertType.PRICE_AT_OR_ABOVE, 1_000, true)), Instant.now());
		this.events.publish(new GenericDomainEventMessage<>("Watchlist", watchlist.toString(), 0, event));
	}

	private long rules(WatchlistId watchlist) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM alerts.rule_state WHERE watchlist_id = ?",
				Long.class, watchlist.toString());
		return (count != null) ? count : 0;
	}

}
