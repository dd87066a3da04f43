package com.gemetrics.command.watchlist;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.PauseAlertRuleCommand;
import com.gemetrics.api.watchlist.ResumeAlertRuleCommand;
import com.gemetrics.api.watchlist.UnwatchItemCommand;
import com.gemetrics.api.watchlist.WatchItemCommand;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.api.watchlist.WatchlistLimits;
import com.gemetrics.command.watchlist.WatchlistRequests.AlertRequest;
import com.gemetrics.command.watchlist.WatchlistRequests.WatchItemRequest;
import com.gemetrics.platform.subscription.EntitlementLookup;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import org.springframework.stereotype.Component;

/**
 * Turns watchlist requests into commands on the caller's own watchlist: checks the item
 * against the catalogue and the alert types, stamps new rule ids, the limits of the
 * caller's plan (their {@link Entitlements}: watched items and alert rules; the rules per
 * item are the same for every plan) and the server's time, and answers consistency
 * tokens. A watchlist that does not exist yet answers like an empty one.
 */
@Component
class Watchlists {

	private static final int ATTEMPTS = 3;

	private final CommandGateway commands;

	private final WatchlistItems items;

	private final WatchlistProperties properties;

	private final EntitlementLookup entitlements;

	private final Clock clock;

	Watchlists(CommandGateway commands, WatchlistItems items, WatchlistProperties properties,
			EntitlementLookup entitlements, Clock clock) {
		this.commands = commands;
		this.items = items;
		this.properties = properties;
		this.entitlements = entitlements;
		this.clock = clock;
	}

	/** The result of a watch: whether the item is new, its rules and the token. */
	record WatchResult(boolean itemAdded, List<AlertRule> rules, ConsistencyToken token) {
	}

	WatchResult watch(UserId userId, int itemId, WatchItemRequest request) {
		List<AlertRule> rules = request.alerts().stream().map(Watchlists::newRule).toList();
		if (!this.items.exists(itemId)) {
			throw new WatchlistRejected(WatchlistError.UNKNOWN_ITEM);
		}
		WatchlistId watchlistId = new WatchlistId(userId);
		Entitlements plan = this.entitlements.forUser(userId);
		WatchlistLimits limits = new WatchlistLimits(plan.maxAlertRules(), this.properties.maxRulesPerItem(),
				plan.maxWatchedItems());
		Watchlist.Watched watched;
		try {
			watched = retryingConflicts(() -> this.commands
				.sendAndWait(new WatchItemCommand(watchlistId, userId, itemId, rules, limits, this.clock.instant())));
		}
		catch (WatchlistRejected rejected) {
			throw namingThePlan(rejected, plan);
		}
		return new WatchResult(watched.itemAdded(), rules, token(watchlistId, watched.sequence()));
	}

	/** A plan's limit reached, said with the limit and the plan. */
	private static WatchlistRejected namingThePlan(WatchlistRejected rejected, Entitlements plan) {
		String name = plan.premium() ? "premium" : "free";
		return switch (rejected.error()) {
			case RULE_LIMIT_REACHED -> new WatchlistRejected(rejected.error(),
					"The watchlist has reached the " + plan.maxAlertRules() + " alert rules of the " + name + " plan"
							+ (plan.premium() ? "." : " (premium: " + Entitlements.PREMIUM.maxAlertRules() + ")."));
			case WATCHLIST_FULL -> new WatchlistRejected(rejected.error(),
					"The watchlist has reached the " + plan.maxWatchedItems() + " items of the " + name + " plan"
							+ (plan.premium() ? "." : " (premium: " + Entitlements.PREMIUM.maxWatchedItems() + ")."));
			default -> rejected;
		};
	}

	ConsistencyToken unwatch(UserId userId, int itemId) {
		WatchlistId watchlistId = new WatchlistId(userId);
		Long sequence = sendToExisting(new UnwatchItemCommand(watchlistId, userId, itemId, this.clock.instant()),
				WatchlistError.ITEM_NOT_WATCHED);
		return token(watchlistId, sequence);
	}

	ConsistencyToken pause(UserId userId, String ruleId) {
		WatchlistId watchlistId = new WatchlistId(userId);
		Long sequence = sendToExisting(new PauseAlertRuleCommand(watchlistId, userId, ruleId, this.clock.instant()),
				WatchlistError.RULE_NOT_FOUND);
		return token(watchlistId, sequence);
	}

	ConsistencyToken resume(UserId userId, String ruleId) {
		WatchlistId watchlistId = new WatchlistId(userId);
		Long sequence = sendToExisting(new ResumeAlertRuleCommand(watchlistId, userId, ruleId, this.clock.instant()),
				WatchlistError.RULE_NOT_FOUND);
		return token(watchlistId, sequence);
	}

	private Long sendToExisting(Object command, WatchlistError whenMissing) {
		try {
			return retryingConflicts(() -> this.commands.sendAndWait(command));
		}
		catch (AggregateNotFoundException ex) {
			// no watchlist yet: nothing on it, the same answer as for an unknown id
			throw new WatchlistRejected(whenMissing);
		}
	}

	/**
	 * Sends again when another instance appended to the same watchlist first (two first
	 * watches racing, or a user command racing an alert); the next attempt loads the
	 * winner's events.
	 */
	private static <T> T retryingConflicts(Supplier<T> send) {
		for (int attempt = 1;; attempt++) {
			try {
				return send.get();
			}
			catch (AggregateStreamCreationException | ConcurrencyException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private static ConsistencyToken token(WatchlistId watchlistId, long sequence) {
		return new ConsistencyToken(ConsistencyToken.WATCHLIST, watchlistId.toString(), sequence);
	}

	private static AlertRule newRule(AlertRequest request) {
		AlertType type;
		try {
			type = AlertType.valueOf(request.type().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new WatchlistRejected(WatchlistError.INVALID_ALERT_TYPE);
		}
		boolean active = request.active() == null || request.active();
		return new AlertRule(UUID.randomUUID().toString(), type, request.value(), active);
	}

}
