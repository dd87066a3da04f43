package com.gemetrics.command;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.platform.subscription.EntitlementLookup;

/**
 * An {@link EntitlementLookup} a test sets by hand, for tests about something other than
 * plans that need limits no plan has (declare it as a bean: the app's own lookup then
 * steps back). Tests about plans use the real lookup with {@link Subscribers}.
 */
public final class TestEntitlements implements EntitlementLookup {

	private final Entitlements everyone;

	private final Map<UUID, Entitlements> granted = new ConcurrentHashMap<>();

	/** Everyone has {@code everyone}, until granted otherwise. */
	public TestEntitlements(Entitlements everyone) {
		this.everyone = everyone;
	}

	/** The free plan with another number of alert rules. */
	public static Entitlements freeWithAlertRules(int maxAlertRules) {
		Entitlements free = Entitlements.FREE;
		return new Entitlements(false, free.maxWatchedItems(), maxAlertRules, free.webhookAlerts(), free.historyDays(),
				free.csvImportRows(), free.csvExportRows(), free.dataRequestsPerMinuteFactor());
	}

	/** From now on this user has {@code entitlements}. */
	public void grant(String userId, Entitlements entitlements) {
		this.granted.put(UUID.fromString(userId), entitlements);
	}

	@Override
	public Entitlements forUser(UUID userId) {
		return this.granted.getOrDefault(userId, this.everyone);
	}

}
