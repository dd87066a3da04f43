package com.gemetrics.api.watchlist;

import java.time.Instant;

/**
 * Where an alert went, or failed to go.
 *
 * @param channel the channel
 * @param status {@code DELIVERED} or {@code FAILED}
 * @param attempts how many attempts were made
 * @param reason why it failed, or {@code null}
 * @param at when it was delivered or given up
 */
public record DeliveryView(DeliveryChannel channel, String status, int attempts, String reason, Instant at) {
}
