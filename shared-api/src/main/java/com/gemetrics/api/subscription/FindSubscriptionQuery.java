package com.gemetrics.api.subscription;

import java.util.UUID;

/**
 * Asks for one user's subscription and what it entitles them to (the body of
 * {@code GET /api/v1/me/subscription}); answered with a {@link SubscriptionView}, the
 * free plan for a user who never subscribed.
 *
 * @param userId the user
 */
public record FindSubscriptionQuery(UUID userId) {
}
