package com.gemetrics.query.watchlist;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertRuleView;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.AlertView;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.DeliveryView;
import com.gemetrics.api.watchlist.FindWatchlistQuery;
import com.gemetrics.api.watchlist.FindWatchlistVersionQuery;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.WatchedItemView;
import com.gemetrics.api.watchlist.WatchlistView;
import com.gemetrics.query.RealInfrastructure;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.gemetrics.query.watchlist.WatchlistEvents.LOBSTER;
import static com.gemetrics.query.watchlist.WatchlistEvents.WHIP;
import static com.gemetrics.query.watchlist.WatchlistEvents.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watchlist projection on the real PostgreSQL: events written to the event store are
 * read by the {@code watchlist} tracking processor, and the result is asserted through
 * the query handler and the tables analysts read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class WatchlistProjectionIT {

	@Autowired
	EventStore store;

	@Autowired
	WatchlistQueryHandler queries;

	@Autowired
	WatchlistProjection projection;

	@Autowired
	EventProcessingConfiguration processing;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void prices() {
		WatchlistEvents.priceItems(this.jdbc);
	}

	@Test
	void followsWatchingReplacingRulesPausingResumingTriggeringAndUnwatching() {
		WatchlistEvents trader = fullHistory();

		WatchlistView view = this.queries.handle(new FindWatchlistQuery(trader.user, 50));

		assertThat(view.items()).extracting(WatchedItemView::itemId).containsExactly(WHIP);
		WatchedItemView whip = view.items().get(0);
		assertThat(whip.name()).isEqualTo("Abyssal whip");
		assertThat(whip.high()).isEqualTo(1_716_616L);
		assertThat(whip.low()).isEqualTo(1_700_000L);
		assertThat(whip.margin()).isEqualTo(-550L);
		assertThat(whip.watchedAt()).isEqualTo(WatchlistEvents.T0.plusSeconds(5 * 60));
		assertThat(whip.rules()).containsExactly(
				new AlertRuleView("r1", AlertType.PRICE_AT_OR_ABOVE, 2_100_000, true,
						WatchlistEvents.T0.plusSeconds(2 * 60), 2_000_100L, 1),
				new AlertRuleView("r3", AlertType.MARGIN_AT_OR_ABOVE, 10_000, false, null, null, 0));

		assertThat(view.recentAlerts()).hasSize(1);
		AlertView alert = view.recentAlerts().get(0);
		assertThat(alert.alertId()).isEqualTo("a1");
		assertThat(alert.ruleId()).isEqualTo("r1");
		assertThat(alert.itemId()).isEqualTo(WHIP);
		assertThat(alert.threshold()).isEqualTo(2_000_000);
		assertThat(alert.observed()).isEqualTo(2_000_100);
		assertThat(alert.deliveries()).containsExactly(
				new DeliveryView(DeliveryChannel.EMAIL, "DELIVERED", 1, null, WatchlistEvents.T0.plusSeconds(3 * 60)),
				new DeliveryView(DeliveryChannel.WEBHOOK, "FAILED", 3, "HTTP_500",
						WatchlistEvents.T0.plusSeconds(4 * 60)));

		assertThat(this.jdbc.queryForList("SELECT rule_id FROM read.alert_rules WHERE user_id = ? ORDER BY rule_id",
				String.class, trader.user.value()))
			.containsExactly("r1", "r3");
		assertThat(this.queries.handle(new FindWatchlistVersionQuery(trader.user))).isEqualTo(trader.sequence());
	}

	@Test
	void keepsEachUsersWatchlistApart() {
		WatchlistEvents alice = new WatchlistEvents(this.store).watch(WHIP,
				rule("a-rule", AlertType.PRICE_AT_OR_BELOW, 1_000, true));
		WatchlistEvents bob = new WatchlistEvents(this.store).watch(LOBSTER);
		awaitVersion(alice);
		awaitVersion(bob);

		assertThat(this.queries.handle(new FindWatchlistQuery(alice.user, 50)).items())
			.extracting(WatchedItemView::itemId)
			.containsExactly(WHIP);
		WatchlistView bobs = this.queries.handle(new FindWatchlistQuery(bob.user, 50));
		assertThat(bobs.items()).extracting(WatchedItemView::itemId).containsExactly(LOBSTER);
		assertThat(bobs.items().get(0).rules()).isEmpty();
		WatchlistView nobody = this.queries.handle(new FindWatchlistQuery(new UserId(UUID.randomUUID()), 50));
		assertThat(nobody.items()).isEmpty();
		assertThat(nobody.recentAlerts()).isEmpty();
		assertThat(this.queries.handle(new FindWatchlistVersionQuery(new UserId(UUID.randomUUID())))).isEqualTo(-1L);
	}

	@Test
	void answersOnlyTheLatestAlertsNewestFirst() {
		WatchlistEvents trader = new WatchlistEvents(this.store).watch(WHIP,
				rule("r1", AlertType.PRICE_AT_OR_ABOVE, 10, true));
		for (int i = 1; i <= 55; i++) {
			trader.trigger("alert-" + i, "r1", WHIP, AlertType.PRICE_AT_OR_ABOVE, 10, 10 + i);
		}
		awaitVersion(trader);

		List<AlertView> alerts = this.queries.handle(new FindWatchlistQuery(trader.user, 50)).recentAlerts();

		assertThat(alerts).hasSize(50);
		assertThat(alerts.get(0).alertId()).isEqualTo("alert-55");
		assertThat(alerts.get(49).alertId()).isEqualTo("alert-6");
		AlertRuleView rule = this.queries.handle(new FindWatchlistQuery(trader.user, 50)).items().get(0).rules().get(0);
		assertThat(rule.triggeredCount()).isEqualTo(55);
		assertThat(rule.lastObserved()).isEqualTo(65L);
	}

	@Test
	void skipsAnEventItHasAppliedAlready() {
		WatchlistEvents trader = new WatchlistEvents(this.store)
			.watch(WHIP, rule("r1", AlertType.PRICE_AT_OR_ABOVE, 10, true))
			.watch(LOBSTER);
		awaitVersion(trader);

		// the first event again, with other rules, as a redelivery would bring it
		ItemWatchedEvent first = new ItemWatchedEvent(trader.watchlist, trader.user, WHIP, List.of(),
				WatchlistEvents.T0);
		this.projection.on(first, trader.message(0, first));

		WatchlistView view = this.queries.handle(new FindWatchlistQuery(trader.user, 50));
		assertThat(view.items()).extracting(WatchedItemView::itemId).containsExactly(LOBSTER, WHIP);
		assertThat(view.items().get(1).rules()).extracting(AlertRuleView::ruleId).containsExactly("r1");
	}

	@Test
	void aReplayRebuildsTheSameTables() {
		WatchlistEvents trader = fullHistory();
		Map<String, List<Map<String, Object>>> before = tables();

		TrackingEventProcessor processor = this.processing
			.eventProcessor(WatchlistProjection.GROUP, TrackingEventProcessor.class)
			.orElseThrow();
		processor.shutDown();
		processor.resetTokens();
		assertThat(this.queries.handle(new FindWatchlistVersionQuery(trader.user))).isEqualTo(-1L);
		processor.start();

		await().atMost(Duration.ofSeconds(30)).until(this::tables, before::equals);
		assertThat(before.get("read.alert_history")).isNotEmpty();
	}

	private WatchlistEvents fullHistory() {
		WatchlistEvents trader = new WatchlistEvents(this.store)
			.watch(WHIP, rule("r1", AlertType.PRICE_AT_OR_ABOVE, 2_000_000, true),
					rule("r2", AlertType.PRICE_AT_OR_BELOW, 1_500_000, true))
			.watch(LOBSTER)
			.trigger("a1", "r1", WHIP, AlertType.PRICE_AT_OR_ABOVE, 2_000_000, 2_000_100)
			.delivered("a1", DeliveryChannel.EMAIL)
			.failed("a1", DeliveryChannel.WEBHOOK, "HTTP_500")
			.watch(WHIP, rule("r1", AlertType.PRICE_AT_OR_ABOVE, 2_100_000, true),
					rule("r3", AlertType.MARGIN_AT_OR_ABOVE, 10_000, true))
			.pause(WHIP, "r3")
			.pause(WHIP, "r1")
			.resume(WHIP, "r1")
			.unwatch(LOBSTER);
		awaitVersion(trader);
		return trader;
	}

	private void awaitVersion(WatchlistEvents events) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.queries.handle(new FindWatchlistVersionQuery(events.user)),
					(version) -> version == events.sequence());
	}

	private Map<String, List<Map<String, Object>>> tables() {
		return Map.of("read.watchlists", this.jdbc.queryForList("SELECT * FROM read.watchlists ORDER BY user_id"),
				"read.watchlist_items",
				this.jdbc.queryForList("SELECT * FROM read.watchlist_items ORDER BY user_id, item_id"),
				"read.alert_rules", this.jdbc.queryForList("SELECT * FROM read.alert_rules ORDER BY user_id, rule_id"),
				"read.alert_history",
				this.jdbc.queryForList("SELECT * FROM read.alert_history ORDER BY user_id, alert_id"),
				"read.alert_deliveries",
				this.jdbc.queryForList("SELECT * FROM read.alert_deliveries ORDER BY user_id, alert_id, channel"));
	}

}
