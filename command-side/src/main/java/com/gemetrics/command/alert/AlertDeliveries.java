package com.gemetrics.command.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.platform.subscription.EntitlementLookup;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import org.springframework.stereotype.Component;

/**
 * Queues each fired alert for delivery, in the {@value #GROUP} tracking processor's
 * transaction: by mail when the owner has a verified address, and to their webhook when
 * they set one and their plan has webhook alerts (premium; a webhook set while premium is
 * skipped once premium ends). Queueing is idempotent per alert and channel, so a
 * redelivered event queues nothing more.
 */
@Component
@ProcessingGroup(AlertDeliveries.GROUP)
class AlertDeliveries {

	static final String GROUP = "alert-delivery";

	private final AlertDeliveryQueue queue;

	private final WebhookRepository webhooks;

	private final EntitlementLookup entitlements;

	private final Clock clock;

	AlertDeliveries(AlertDeliveryQueue queue, WebhookRepository webhooks, EntitlementLookup entitlements, Clock clock) {
		this.queue = queue;
		this.webhooks = webhooks;
		this.entitlements = entitlements;
		this.clock = clock;
	}

	@EventHandler
	void on(AlertTriggeredEvent event) {
		UUID userId = event.userId().value();
		Instant now = this.clock.instant();
		String itemName = this.queue.itemName(event.itemId()).orElse("item " + event.itemId());
		if (this.queue.verifiedEmail(userId).isPresent()) {
			this.queue.enqueue(event, DeliveryChannel.EMAIL, itemName, now);
		}
		if (this.webhooks.find(userId).isPresent() && this.entitlements.forUser(userId).webhookAlerts()) {
			this.queue.enqueue(event, DeliveryChannel.WEBHOOK, itemName, now);
		}
	}

}
