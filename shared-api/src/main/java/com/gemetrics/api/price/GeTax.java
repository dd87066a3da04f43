package com.gemetrics.api.price;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Grand Exchange tax rules as effective-dated data: the one place they live. A rule
 * change is one new entry in {@link #RULES}; profit is restated by replaying projections.
 * <p>
 * Sources: Jagex patch notes of 2021-12-09 and 2025-05-29; the OSRS Wiki exempt list.
 */
public final class GeTax {

	/** Old school bond and the 13 tools exempt since the tax was introduced. */
	static final Set<Integer> EXEMPT_SINCE_2021 = Set.of(13190, 1755, 5325, 1785, 2347, 1733, 233, 5341, 8794, 5329,
			5343, 1735, 952, 5331);

	/**
	 * Arrows, darts, mind rune, foods, energy potions, teleport tablets, games
	 * necklace(8), ring of dueling(8).
	 */
	static final Set<Integer> EXEMPT_ADDED_2025 = Set.of(882, 884, 886, 806, 807, 808, 558, 365, 2309, 1891, 2140, 2142,
			347, 379, 355, 2327, 351, 329, 315, 361, 3014, 3012, 3010, 3008, 8011, 8010, 28824, 8009, 28790, 8008, 8013,
			8007, 3853, 2552);

	/**
	 * Every rule ever in force, oldest first. Before the first one, the GE charged no
	 * tax.
	 */
	public static final List<GeTaxRule> RULES = List
		.of(new GeTaxRule(Instant.parse("2021-12-09T00:00:00Z"), 1, 100, 5_000_000, EXEMPT_SINCE_2021), new GeTaxRule(
				Instant.ofEpochSecond(1_748_514_600L), 2, 50, 5_000_000, union(EXEMPT_SINCE_2021, EXEMPT_ADDED_2025)));

	private static final GeTaxRule NO_TAX = new GeTaxRule(Instant.EPOCH, 0, Long.MAX_VALUE, 0, Set.of());

	private GeTax() {
	}

	/** The rule in force at {@code at}. */
	public static GeTaxRule ruleAt(Instant at) {
		return RULES.stream()
			.filter((rule) -> !rule.effectiveFrom().isAfter(at))
			.max(Comparator.comparing(GeTaxRule::effectiveFrom))
			.orElse(NO_TAX);
	}

	/**
	 * Tax on one item of {@code itemId} sold at {@code sellPricePerItem} at
	 * {@code soldAt}.
	 */
	public static long taxPerItem(int itemId, long sellPricePerItem, Instant soldAt) {
		return ruleAt(soldAt).taxPerItem(itemId, sellPricePerItem);
	}

	private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
		Set<Integer> all = new HashSet<>(a);
		all.addAll(b);
		return all;
	}

}
