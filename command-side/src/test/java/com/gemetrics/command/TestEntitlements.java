package com.gemetrics.command;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

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

	private final Map<UUID, Queue<Entitlements>> nextAnswers = new ConcurrentHashMap<>();

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

	/**
	 * The next lookups of this user answer these, one each, in order; then as before (a
	 * plan that changes between two steps of the app).
	 */
	public void answerNext(String userId, List<Entitlements> answers) {
		this.nextAnswers.put(UUID.fromString(userId), new ConcurrentLinkedQueue<>(answers));
	}

	@Override
	public Entitlements forUser(UUID userId) {
		Queue<Entitlements> next = this.nextAnswers.get(userId);
		Entitlements answer = (next != null) ? next.poll() : null;
		return (answer != null) ? answer : this.granted.getOrDefault(userId, this.everyone);
	}

}
