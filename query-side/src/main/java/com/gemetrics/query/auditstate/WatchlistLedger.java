package com.gemetrics.query.auditstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.gemetrics.api.auditstate.UserStateView.WatchedItemStateView;
import com.gemetrics.api.auditstate.UserStateView.WatchlistStateView;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertRuleView;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.AlertView;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.DeliveryView;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;

import static com.gemetrics.query.auditstate.FlipLedger.micros;

/**
 * A watchlist rebuilt from its events, with the watchlist projection's rules: watching an
 * item replaces its rules (a rule that stays keeps its id and firing history, a dropped
 * one goes), unwatching drops the item and its rules, a pause or resume flips a rule's
 * {@code isActive}, an alert counts once (by its id) towards its rule's firing history, a
 * delivery outcome per alert and channel replaces the earlier one.
 */
final class WatchlistLedger {

	/** Newest first, then by alert id descending: the watchlist's order. */
	private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::triggeredAt)
		.thenComparing(Alert::alertId)
		.reversed();

	private final Map<Integer, Instant> items = new TreeMap<>();

	private final Map<String, Rule> rules = new LinkedHashMap<>();

	private final Map<String, Alert> alerts = new LinkedHashMap<>();

	void on(ItemWatchedEvent event) {
		this.items.put(event.itemId(), micros(event.watchedAt()));
		Set<String> kept = new HashSet<>();
		for (AlertRule rule : event.rules()) {
			kept.add(rule.ruleId());
		}
		this.rules.values().removeIf((rule) -> rule.itemId == event.itemId() && !kept.contains(rule.ruleId));
		for (AlertRule rule : event.rules()) {
			Rule existing = this.rules.get(rule.ruleId());
			Rule next = (existing != null) ? existing : new Rule(rule.ruleId());
			next.itemId = event.itemId();
			next.type = rule.type();
			next.value = rule.value();
			next.active = rule.active();
			this.rules.put(rule.ruleId(), next);
		}
	}

	void on(ItemUnwatchedEvent event) {
		this.rules.values().removeIf((rule) -> rule.itemId == event.itemId());
		this.items.remove(event.itemId());
	}

	void on(AlertRulePausedEvent event) {
		active(event.ruleId(), false);
	}

	void on(AlertRuleResumedEvent event) {
		active(event.ruleId(), true);
	}

	void on(AlertTriggeredEvent event) {
		if (this.alerts.containsKey(event.alertId())) {
			return;
		}
		Instant triggeredAt = micros(event.triggeredAt());
		this.alerts.put(event.alertId(), new Alert(event.alertId(), event.itemId(), event.ruleId(), event.type(),
				event.threshold(), event.observed(), micros(event.observedAt()), triggeredAt, new TreeMap<>()));
		Rule rule = this.rules.get(event.ruleId());
		if (rule != null) {
			rule.lastTriggeredAt = triggeredAt;
			rule.lastObserved = event.observed();
			rule.triggeredCount++;
		}
	}

	void on(AlertDeliveredEvent event) {
		delivery(event.alertId(),
				new DeliveryView(event.channel(), "DELIVERED", event.attempts(), null, micros(event.deliveredAt())));
	}

	void on(AlertDeliveryFailedEvent event) {
		delivery(event.alertId(), new DeliveryView(event.channel(), "FAILED", event.attempts(), event.reason(),
				micros(event.failedAt())));
	}

	/** The watchlist with at most {@code recentAlerts} of the latest alerts. */
	WatchlistStateView view(int recentAlerts) {
		List<WatchedItemStateView> watched = new ArrayList<>();
		for (Map.Entry<Integer, Instant> item : this.items.entrySet()) {
			List<AlertRuleView> itemRules = this.rules.values()
				.stream()
				.filter((rule) -> rule.itemId == item.getKey())
				.sorted(Comparator.comparing((Rule rule) -> rule.ruleId))
				.map(Rule::view)
				.toList();
			watched.add(new WatchedItemStateView(item.getKey(), item.getValue(), itemRules));
		}
		List<AlertView> latest = this.alerts.values()
			.stream()
			.sorted(NEWEST_FIRST)
			.limit(recentAlerts)
			.map(Alert::view)
			.toList();
		return new WatchlistStateView(List.copyOf(watched), latest);
	}

	private void active(String ruleId, boolean active) {
		Rule rule = this.rules.get(ruleId);
		if (rule != null) {
			rule.active = active;
		}
	}

	private void delivery(String alertId, DeliveryView delivery) {
		Alert alert = this.alerts.get(alertId);
		if (alert != null) {
			alert.deliveries().put(delivery.channel(), delivery);
		}
	}

	/** A rule and its firing history. */
	private static final class Rule {

		private final String ruleId;

		private int itemId;

		private AlertType type;

		private long value;

		private boolean active;

		private Instant lastTriggeredAt;

		private Long lastObserved;

		private int triggeredCount;

		private Rule(String ruleId) {
			this.ruleId = ruleId;
		}

		private AlertRuleView view() {
			return new AlertRuleView(this.ruleId, this.type, this.value, this.active, this.lastTriggeredAt,
					this.lastObserved, this.triggeredCount);
		}

	}

	/** A fired alert with its deliveries by channel. */
	private record Alert(String alertId, int itemId, String ruleId, AlertType type, long threshold, long observed,
			Instant observedAt, Instant triggeredAt, Map<DeliveryChannel, DeliveryView> deliveries) {

		private AlertView view() {
			List<DeliveryView> byChannel = this.deliveries.values()
				.stream()
				.sorted(Comparator.comparing((DeliveryView delivery) -> delivery.channel().name()))
				.toList();
			return new AlertView(this.alertId, this.itemId, this.ruleId, this.type, this.threshold, this.observed,
					this.observedAt, this.triggeredAt, byChannel);
		}

	}

}
