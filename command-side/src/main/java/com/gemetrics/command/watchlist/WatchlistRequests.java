package com.gemetrics.command.watchlist;

import java.util.List;

import com.gemetrics.api.price.GeLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The bodies of the watchlist endpoints. Checked here: the shape, and each threshold
 * within the game's bounds ({@link GeLimits}: 1..2,147,483,647 coins), which answer 400
 * {@code VALIDATION_FAILED} naming the field. The aggregate checks the thresholds again
 * (422 {@code PRICE_OUT_OF_RANGE}, {@code MARGIN_OUT_OF_RANGE}) and the rule and item
 * limits.
 */
final class WatchlistRequests {

	private WatchlistRequests() {
	}

	/**
	 * Watches an item with these rules, replacing the rules it had.
	 *
	 * @param alerts the rules (may be empty: watched without alerts)
	 */
	record WatchItemRequest(@NotNull @Size(max = 100) List<@Valid @NotNull AlertRequest> alerts) {
	}

	/**
	 * One rule.
	 *
	 * @param type {@code PRICE_AT_OR_ABOVE}, {@code PRICE_AT_OR_BELOW} or
	 * {@code MARGIN_AT_OR_ABOVE}
	 * @param value the threshold, in coins
	 * @param active whether it fires; {@code true} when absent
	 */
	record AlertRequest(@NotNull @Size(max = 40) String type,
			@NotNull @Min(GeLimits.MIN_ALERT_THRESHOLD) @Max(GeLimits.MAX_ALERT_THRESHOLD) Long value, Boolean active) {
	}

	/**
	 * A rule as stored.
	 *
	 * @param ruleId its id, for pausing and resuming
	 * @param type what it compares
	 * @param value the threshold, in coins
	 * @param active whether it fires
	 */
	record RuleResponse(String ruleId, String type, long value, boolean active) {
	}

	/**
	 * What a watch answers.
	 *
	 * @param itemId the item
	 * @param rules its rules from now on
	 * @param consistencyToken the token to read this write on the query side
	 */
	record WatchedItemResponse(int itemId, List<RuleResponse> rules, String consistencyToken) {
	}

	/**
	 * What a pause or resume answers.
	 *
	 * @param ruleId the rule
	 * @param active whether it fires now
	 * @param consistencyToken the token to read this write on the query side
	 */
	record RuleStateResponse(String ruleId, boolean active, String consistencyToken) {
	}

}
