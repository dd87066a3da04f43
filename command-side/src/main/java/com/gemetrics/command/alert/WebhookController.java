package com.gemetrics.command.alert;

import java.time.Clock;
import java.util.UUID;

import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.platform.subscription.PremiumRequired;
import com.gemetrics.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's alert webhook: set (HTTPS, resolving only to public addresses; premium
 * only, else 403 {@code PREMIUM_REQUIRED}) or removed (on any plan). The URL is stored,
 * never put in an event or a log, and never answered back.
 */
@RestController
@RequestMapping("/api/v1/watchlist/webhook")
class WebhookController {

	private final WebhookUrls urls;

	private final WebhookRepository webhooks;

	private final EntitlementLookup entitlements;

	private final Clock clock;

	WebhookController(WebhookUrls urls, WebhookRepository webhooks, EntitlementLookup entitlements, Clock clock) {
		this.urls = urls;
		this.webhooks = webhooks;
		this.entitlements = entitlements;
		this.clock = clock;
	}

	/**
	 * The webhook to set.
	 *
	 * @param url an absolute https URL
	 */
	record SetWebhookRequest(@NotNull String url) {
	}

	@PutMapping
	ResponseEntity<Void> set(@Valid @RequestBody SetWebhookRequest request, @Caller UserId caller) {
		UUID userId = caller.value();
		if (!this.entitlements.forUser(userId).webhookAlerts()) {
			throw new PremiumRequired("Webhook alerts");
		}
		this.webhooks.save(userId, this.urls.check(request.url()).toString(), this.clock.instant());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping
	ResponseEntity<Void> remove(@Caller UserId caller) {
		this.webhooks.delete(caller.value());
		return ResponseEntity.noContent().build();
	}

}
