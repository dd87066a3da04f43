package com.gemetrics.query.subscriptions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.subscription.FindSubscriptionQuery;
import com.gemetrics.api.subscription.ListSubscriptionsQuery;
import com.gemetrics.api.subscription.SubscriptionPage;
import com.gemetrics.api.subscription.SubscriptionSummaryView;
import com.gemetrics.api.subscription.SubscriptionView;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/**
 * Answers the subscription queries from {@code read.subscriptions}, judging entitlements
 * at the server's time ({@code Entitlements.of}). A user without a row is on the free
 * plan with status {@code none}.
 */
@Component
class SubscriptionQueryHandler {

	private final SubscriptionRepository repository;

	private final Clock clock;

	SubscriptionQueryHandler(SubscriptionRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	@QueryHandler
	SubscriptionView handle(FindSubscriptionQuery query) {
		Instant now = this.clock.instant();
		return this.repository.find(query.userId().value()).map((row) -> row.view(now)).orElse(SubscriptionView.NONE);
	}

	/** The cursor must have been checked ({@link SubscriptionCursor#decode}). */
	@QueryHandler
	SubscriptionPage handle(ListSubscriptionsQuery query) {
		UUID after = (query.cursor() != null)
				? SubscriptionCursor.decode(query.cursor()).map(SubscriptionCursor::userId).orElseThrow() : null;
		List<SubscriptionRow> rows = this.repository.page(query.status(), after, query.limit() + 1);
		String next = null;
		if (rows.size() > query.limit()) {
			rows = rows.subList(0, query.limit());
			next = new SubscriptionCursor(rows.get(rows.size() - 1).userId()).encode();
		}
		Instant now = this.clock.instant();
		return new SubscriptionPage(rows.stream().map((row) -> summary(row, now)).toList(), next);
	}

	private static SubscriptionSummaryView summary(SubscriptionRow row, Instant now) {
		return new SubscriptionSummaryView(row.userId().toString(), row.subscriptionId(), row.plan(),
				row.status().wire(), row.stripeSubscriptionId(), row.stripeCustomerId(), row.currentPeriodEnd(),
				row.cancelAtPeriodEnd(), row.pastDueSince(), row.premiumInForce(now), row.updatedAt());
	}

}
