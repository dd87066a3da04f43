package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An alert rule.
 *
 * @param ruleId the rule
 * @param type what it compares
 * @param value the threshold, in coins
 * @param isActive whether it fires (false: paused)
 * @param lastTriggeredAt when it last fired, or {@code null}
 * @param lastObserved the value it last fired on, or {@code null}
 * @param triggeredCount how often it fired
 */
public record AlertRuleView(String ruleId, AlertType type, long value, @JsonProperty("isActive") boolean isActive,
		Instant lastTriggeredAt, Long lastObserved, int triggeredCount) {
}
