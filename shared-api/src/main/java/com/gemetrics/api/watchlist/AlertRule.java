package com.gemetrics.api.watchlist;

import java.util.Objects;

/**
 * One alert rule on a watched item.
 *
 * @param ruleId the rule's id, unique within the watchlist
 * @param type what it compares
 * @param value the threshold, in coins
 * @param active whether it fires (a paused rule is kept but never fires)
 */
public record AlertRule(String ruleId, AlertType type, long value, boolean active) {

	public AlertRule {
		Objects.requireNonNull(ruleId, "ruleId");
		Objects.requireNonNull(type, "type");
	}

}
