package com.gemetrics.api.price;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One Grand Exchange tax regime, in force from {@code effectiveFrom} until the next rule.
 *
 * @param effectiveFrom first instant (UTC) at which the rule applies to a sale
 * @param percent tax in whole percent of the sell price per item, floored
 * @param untaxedBelow sell prices per item strictly below this pay no tax
 * @param capPerItem the most tax paid on one item
 * @param exemptItemIds items that are never taxed under this rule
 */
public record GeTaxRule(Instant effectiveFrom, int percent, long untaxedBelow, long capPerItem,
		Set<Integer> exemptItemIds) {

	public GeTaxRule {
		Objects.requireNonNull(effectiveFrom, "effectiveFrom");
		if (percent < 0 || percent > 100) {
			throw new IllegalArgumentException("percent must be 0..100");
		}
		exemptItemIds = Set.copyOf(exemptItemIds);
	}

	/**
	 * Tax on one item sold at {@code sellPricePerItem} coins. Buying is never taxed.
	 */
	public long taxPerItem(int itemId, long sellPricePerItem) {
		if (sellPricePerItem < this.untaxedBelow || this.exemptItemIds.contains(itemId)) {
			return 0;
		}
		return Math.min(Math.multiplyExact(sellPricePerItem, (long) this.percent) / 100, this.capPerItem);
	}

}
