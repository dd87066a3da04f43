package com.gemetrics.command.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.TriggerAlertCommand;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.platform.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The alert policy: keeps {@code alerts.rule_state} from the watchlist events and, on
 * each {@link LatestPricesObservedEvent}, evaluates the active rules of the items it
 * carries (read in one query) with {@link AlertRuleEvaluator}, firing each due rule with
 * a {@link TriggerAlertCommand} to its watchlist.
 * <p>
 * It runs in the {@value #GROUP} tracking processor (one segment, errors propagated; see
 * {@link AlertProcessingConfig}), so the rule states, the appended
 * {@code AlertTriggeredEvent}s and the processor's token commit in one transaction: after
 * a crash the event is handled again from the old state, and nothing fires twice. A
 * refused trigger (the rule was paused or replaced since the price was observed) changes
 * nothing here; the watchlist event that refused it follows in the stream.
 */
@Component
@ProcessingGroup(AlertPolicy.GROUP)
class AlertPolicy {

	static final String GROUP = "alert-policy";

	private static final Logger log = LoggerFactory.getLogger(AlertPolicy.class);

	private final RuleStateRepository rules;

	private final CommandGateway commands;

	private final AlertRuleEvaluator evaluator;

	private final Clock clock;

	private final Counter triggered;

	private final Counter refused;

	AlertPolicy(RuleStateRepository rules, CommandGateway commands, AlertProperties properties, Clock clock,
			MeterRegistry meters) {
		this.rules = rules;
		this.commands = commands;
		this.evaluator = new AlertRuleEvaluator(properties.minInterval(), properties.maxObservationAge());
		this.clock = clock;
		this.triggered = Counter.builder("ge.alerts.triggered").description("Alerts fired").register(meters);
		this.refused = Counter.builder("ge.alerts.trigger.refused")
			.description("Alerts the watchlist refused (rule paused or gone)")
			.register(meters);
	}

	@EventHandler
	void on(ItemWatchedEvent event) {
		this.rules.replaceItemRules(event.watchlistId().toString(), event.userId().value(), event.itemId(),
				event.rules());
	}

	@EventHandler
	void on(ItemUnwatchedEvent event) {
		this.rules.removeItem(event.watchlistId().toString(), event.itemId());
	}

	@EventHandler
	void on(AlertRulePausedEvent event) {
		this.rules.pause(event.watchlistId().toString(), event.ruleId());
	}

	@EventHandler
	void on(AlertRuleResumedEvent event) {
		this.rules.resume(event.watchlistId().toString(), event.ruleId());
	}

	@EventHandler
	void on(LatestPricesObservedEvent event) {
		Map<Integer, PriceQuote> quotes = event.prices()
			.stream()
			.collect(Collectors.toMap(PriceQuote::itemId, Function.identity(), (first, second) -> second));
		List<RuleState> candidates = this.rules.activeRulesFor(quotes.keySet());
		if (candidates.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		List<RuleState> fired = new ArrayList<>();
		List<RuleState> rearmed = new ArrayList<>();
		for (RuleState rule : candidates) {
			Long observed = AlertRuleEvaluator.observedValue(rule.type(), quotes.get(rule.itemId()),
					event.observedAt());
			switch (this.evaluator.decide(rule, observed, event.observedAt(), now)) {
				case FIRE -> {
					if (fire(rule, observed, event.observedAt(), now)) {
						fired.add(rule);
					}
				}
				case REARM -> rearmed.add(rule);
				case NONE -> {
				}
			}
		}
		this.rules.markFired(fired, event.observedAt(), now);
		this.rules.rearm(rearmed);
	}

	@ResetHandler
	void reset() {
		this.rules.clear();
	}

	/**
	 * Sends the trigger in this handler's transaction. Answers whether the rule now
	 * counts as fired: also when the watchlist had already recorded this very trigger.
	 */
	private boolean fire(RuleState rule, long observed, Instant observedAt, Instant now) {
		try {
			Boolean applied = this.commands
				.sendAndWait(new TriggerAlertCommand(WatchlistId.of(rule.watchlistId()), UUID.randomUUID().toString(),
						rule.ruleId(), rule.itemId(), rule.type(), rule.threshold(), observed, observedAt, now));
			if (Boolean.TRUE.equals(applied)) {
				this.triggered.increment();
			}
			return true;
		}
		catch (ApiException | AggregateNotFoundException ex) {
			this.refused.increment();
			log.debug("Alert rule {} was not fired: {}", rule.ruleId(), ex.getMessage());
			return false;
		}
	}

}
