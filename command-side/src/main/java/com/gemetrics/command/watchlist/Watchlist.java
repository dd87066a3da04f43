package com.gemetrics.command.watchlist;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.PauseAlertRuleCommand;
import com.gemetrics.api.watchlist.RecordAlertDeliveryCommand;
import com.gemetrics.api.watchlist.RecordAlertDeliveryFailureCommand;
import com.gemetrics.api.watchlist.ResumeAlertRuleCommand;
import com.gemetrics.api.watchlist.TriggerAlertCommand;
import com.gemetrics.api.watchlist.UnwatchItemCommand;
import com.gemetrics.api.watchlist.WatchItemCommand;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.api.watchlist.WatchlistLimits;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's one watchlist: the watched items, each with its alert rules, and the alerts
 * those rules fired and their deliveries. Created by the first watch. The user commands
 * answer the sequence number of the watchlist's last event (the consistency token's
 * sequence), also when they change nothing.
 *
 * <p>
 * <b>Snapshots.</b> Every alert fired and delivered lands on this stream, so Axon
 * snapshots it ({@link WatchlistSnapshots#TRIGGER}, every
 * {@code ge.watchlist.snapshot-threshold} events) into {@code snapshot_event_entry},
 * serialized as JSON by Axon's general (Jackson) serializer. The snapshot is this object:
 * only the members marked {@link JsonProperty} (id, owner, items with their rules, and
 * each rule's last fired observation; no secrets) are written, and read back through the
 * {@link JsonCreator} constructor, which rebuilds the rule index. The snapshot carries
 * this class's {@link Revision}, and Axon's revision snapshot filter skips snapshots of
 * any other revision (the aggregate is then rebuilt from its events, and snapshotted
 * again at the next threshold). So: <b>bump the revision whenever the snapshotted state
 * changes shape or meaning</b> (a member added, removed, renamed or retyped, or one that
 * an event-sourcing handler now fills differently); a snapshot of the same revision that
 * no longer fits would be read as it is.
 */
@Aggregate(snapshotTriggerDefinition = WatchlistSnapshots.TRIGGER)
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
		isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
class Watchlist {

	@AggregateIdentifier
	@JsonProperty("watchlistId")
	private WatchlistId watchlistId;

	@JsonProperty("owner")
	private UserId owner;

	@JsonProperty("items")
	private final Map<Integer, List<AlertRule>> items = new LinkedHashMap<>();

	/** An index of {@link #items} by rule id, rebuilt from them, never snapshotted. */
	private final Map<String, RuleRef> rules = new HashMap<>();

	@JsonProperty("lastTriggeredObservation")
	private final Map<String, Instant> lastTriggeredObservation = new HashMap<>();

	Watchlist() {
		// required by Axon
	}

	/**
	 * Restores a watchlist from its snapshot.
	 * @param watchlistId the id
	 * @param owner the owner
	 * @param items the watched items, in watch order, with their rules
	 * @param lastTriggeredObservation per rule id, the observation it last fired on
	 */
	@JsonCreator
	private Watchlist(@JsonProperty("watchlistId") WatchlistId watchlistId, @JsonProperty("owner") UserId owner,
			@JsonProperty("items") Map<Integer, List<AlertRule>> items,
			@JsonProperty("lastTriggeredObservation") Map<String, Instant> lastTriggeredObservation) {
		this.watchlistId = Objects.requireNonNull(watchlistId, "watchlistId");
		this.owner = Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(items, "items").forEach((itemId, itemRules) -> {
			this.items.put(itemId, List.copyOf(itemRules));
			itemRules.forEach((rule) -> this.rules.put(rule.ruleId(), new RuleRef(itemId, rule)));
		});
		this.lastTriggeredObservation
			.putAll(Objects.requireNonNull(lastTriggeredObservation, "lastTriggeredObservation"));
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	Watched handle(WatchItemCommand command) {
		command.rules().forEach(Watchlist::requireValidThreshold);
		WatchlistLimits limits = command.limits();
		if (command.rules().size() > limits.maxRulesPerItem()) {
			throw new WatchlistRejected(WatchlistError.TOO_MANY_RULES_FOR_ITEM);
		}
		boolean newItem = !this.items.containsKey(command.itemId());
		if (newItem && this.items.size() + 1 > limits.maxItems()) {
			throw new WatchlistRejected(WatchlistError.WATCHLIST_FULL);
		}
		int otherRules = this.rules.size() - (newItem ? 0 : this.items.get(command.itemId()).size());
		if (otherRules + command.rules().size() > limits.maxRules()) {
			throw new WatchlistRejected(WatchlistError.RULE_LIMIT_REACHED);
		}
		apply(new ItemWatchedEvent(command.watchlistId(), command.userId(), command.itemId(), command.rules(),
				command.requestedAt()));
		return new Watched(version(), newItem);
	}

	@CommandHandler
	long handle(UnwatchItemCommand command) {
		if (!this.items.containsKey(command.itemId())) {
			throw new WatchlistRejected(WatchlistError.ITEM_NOT_WATCHED);
		}
		apply(new ItemUnwatchedEvent(this.watchlistId, this.owner, command.itemId(), command.requestedAt()));
		return version();
	}

	@CommandHandler
	long handle(PauseAlertRuleCommand command) {
		RuleRef rule = requireRule(command.ruleId());
		if (rule.rule().active()) {
			apply(new AlertRulePausedEvent(this.watchlistId, this.owner, rule.itemId(), command.ruleId(),
					command.requestedAt()));
		}
		return version();
	}

	@CommandHandler
	long handle(ResumeAlertRuleCommand command) {
		RuleRef rule = requireRule(command.ruleId());
		if (!rule.rule().active()) {
			apply(new AlertRuleResumedEvent(this.watchlistId, this.owner, rule.itemId(), command.ruleId(),
					command.requestedAt()));
		}
		return version();
	}

	/**
	 * Fires a rule. Answers {@code false}, with no event, when the rule already fired on
	 * this observation or a later one (a redelivered or replayed trigger).
	 */
	@CommandHandler
	boolean handle(TriggerAlertCommand command) {
		RuleRef rule = requireRule(command.ruleId());
		if (rule.itemId() != command.itemId()) {
			throw new WatchlistRejected(WatchlistError.RULE_NOT_FOUND);
		}
		if (!rule.rule().active()) {
			throw new WatchlistRejected(WatchlistError.RULE_PAUSED);
		}
		Instant last = this.lastTriggeredObservation.get(command.ruleId());
		if (last != null && !command.observedAt().isAfter(last)) {
			return false;
		}
		apply(new AlertTriggeredEvent(this.watchlistId, this.owner, command.alertId(), command.ruleId(),
				command.itemId(), rule.rule().type(), rule.rule().value(), command.observed(), command.observedAt(),
				command.triggeredAt()));
		return true;
	}

	@CommandHandler
	void handle(RecordAlertDeliveryCommand command) {
		apply(new AlertDeliveredEvent(this.watchlistId, this.owner, command.alertId(), command.channel(),
				command.attempts(), command.deliveredAt()));
	}

	@CommandHandler
	void handle(RecordAlertDeliveryFailureCommand command) {
		apply(new AlertDeliveryFailedEvent(this.watchlistId, this.owner, command.alertId(), command.channel(),
				command.attempts(), command.reason(), command.failedAt()));
	}

	@EventSourcingHandler
	void on(ItemWatchedEvent event) {
		this.watchlistId = event.watchlistId();
		this.owner = event.userId();
		forgetRules(event.itemId());
		this.items.put(event.itemId(), event.rules());
		event.rules().forEach((rule) -> this.rules.put(rule.ruleId(), new RuleRef(event.itemId(), rule)));
	}

	@EventSourcingHandler
	void on(ItemUnwatchedEvent event) {
		forgetRules(event.itemId());
		this.items.remove(event.itemId());
	}

	@EventSourcingHandler
	void on(AlertRulePausedEvent event) {
		setActive(event.ruleId(), false);
	}

	@EventSourcingHandler
	void on(AlertRuleResumedEvent event) {
		setActive(event.ruleId(), true);
	}

	@EventSourcingHandler
	void on(AlertTriggeredEvent event) {
		this.lastTriggeredObservation.put(event.ruleId(), event.observedAt());
	}

	private RuleRef requireRule(String ruleId) {
		RuleRef rule = this.rules.get(ruleId);
		if (rule == null) {
			throw new WatchlistRejected(WatchlistError.RULE_NOT_FOUND);
		}
		return rule;
	}

	private void forgetRules(int itemId) {
		List<AlertRule> old = this.items.get(itemId);
		if (old != null) {
			old.forEach((rule) -> {
				this.rules.remove(rule.ruleId());
				this.lastTriggeredObservation.remove(rule.ruleId());
			});
		}
	}

	private void setActive(String ruleId, boolean active) {
		RuleRef ref = this.rules.get(ruleId);
		AlertRule changed = new AlertRule(ruleId, ref.rule().type(), ref.rule().value(), active);
		this.rules.put(ruleId, new RuleRef(ref.itemId(), changed));
		this.items.put(ref.itemId(),
				this.items.get(ref.itemId())
					.stream()
					.map((rule) -> rule.ruleId().equals(ruleId) ? changed : rule)
					.toList());
	}

	private static long version() {
		Long version = AggregateLifecycle.getVersion();
		return (version != null) ? version : 0;
	}

	private static void requireValidThreshold(AlertRule rule) {
		if (!GeLimits.isValidAlertThreshold(rule.value())) {
			throw new WatchlistRejected((rule.type() == AlertType.MARGIN_AT_OR_ABOVE)
					? WatchlistError.MARGIN_OUT_OF_RANGE : WatchlistError.PRICE_OUT_OF_RANGE);
		}
	}

	/**
	 * What a watch answers.
	 *
	 * @param sequence the sequence number of the watch's event
	 * @param itemAdded whether the item joined the watchlist (rather than had its rules
	 * replaced)
	 */
	record Watched(long sequence, boolean itemAdded) {
	}

	/** A rule and the item it watches. */
	private record RuleRef(int itemId, AlertRule rule) {
	}

}
