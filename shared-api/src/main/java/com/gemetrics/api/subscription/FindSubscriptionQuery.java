package com.gemetrics.api.subscription;

import com.gemetrics.api.user.UserId;

/**
 * Asks for one user's subscription and what it entitles them to (the body of
 * {@code GET /api/v1/me/subscription}); answered with a {@link SubscriptionView}, the
 * free plan for a user who never subscribed.
 *
 * @param userId the user
 */
public record FindSubscriptionQuery(UserId userId) {
}
