package com.gemetrics.loadtest.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The real ids a run aims at, made before it starts: the owner's flips, sales and alert
 * rules (the stranger sends them too, and must get 404), items in the catalogue, another
 * user's id (for the admin role endpoints and smuggled {@code userId} fields; never the
 * admin's own), an address whose logins the fuzzer may fail, and a real token to tamper
 * with.
 *
 * @param flipIds the owner's flips
 * @param saleIds sales of those flips
 * @param ruleIds the owner's alert rules
 * @param itemIds catalogue items
 * @param otherUserIds users other than the admin
 * @param victimEmail an account the fuzzer logs in to with wrong passwords
 * @param token a real access token (the owner's, at the start)
 */
public record Targets(List<String> flipIds, List<String> saleIds, List<String> ruleIds, List<Integer> itemIds,
		List<String> otherUserIds, String victimEmail, String token) {

	public Targets {
		if (flipIds.isEmpty() || saleIds.isEmpty() || ruleIds.isEmpty() || itemIds.isEmpty()
				|| otherUserIds.isEmpty()) {
			throw new IllegalArgumentException("every kind of id needs at least one value");
		}
		flipIds = List.copyOf(flipIds);
		saleIds = List.copyOf(saleIds);
		ruleIds = List.copyOf(ruleIds);
		itemIds = List.copyOf(itemIds);
		otherUserIds = List.copyOf(otherUserIds);
	}

	String ownerFlipId(SplittableRandom random) {
		return this.flipIds.get(random.nextInt(this.flipIds.size()));
	}

	String ownerSaleId(SplittableRandom random) {
		return this.saleIds.get(random.nextInt(this.saleIds.size()));
	}

	String ownerRuleId(SplittableRandom random) {
		return this.ruleIds.get(random.nextInt(this.ruleIds.size()));
	}

	int itemId(SplittableRandom random) {
		return this.itemIds.get(random.nextInt(this.itemIds.size()));
	}

	String otherUserId(SplittableRandom random) {
		return this.otherUserIds.get(random.nextInt(this.otherUserIds.size()));
	}

	String victimEmail(SplittableRandom random) {
		return this.victimEmail;
	}

	String someToken(SplittableRandom random) {
		return this.token;
	}

}
