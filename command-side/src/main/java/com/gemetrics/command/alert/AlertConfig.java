package com.gemetrics.command.alert;

import java.net.InetAddress;
import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

import com.gemetrics.command.outbound.OutboundProperties;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The alert policy's sequencing, and the webhook beans: public addresses only, the JVM's
 * trust store and host name checks. A failing handler of either alert processor parks its
 * event, and the later ones of its sequence, in the processor's dead-letter queue until a
 * retry applies them (ADR 0016), instead of losing an alert.
 */
@Configuration(proxyBeanMethods = false)
class AlertConfig {

	/**
	 * Price polls share one sequence, {@code market-data}, so that a parked poll holds
	 * the later ones back (a rule must never be re-armed or fired from an older
	 * observation applied after a newer one); a watchlist's events are sequenced by
	 * aggregate. Named by
	 * {@code axon.eventhandling.processors.alert-policy.sequencing-policy}.
	 */
	@Bean
	SequencingPolicy<EventMessage<?>> alertPolicySequencingPolicy() {
		return (event) -> (event.getPayload() instanceof LatestPricesObservedEvent) ? "market-data"
				: SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
	}

	@Bean
	WebhookAddressPolicy webhookAddressPolicy() {
		return WebhookAddressPolicy.publicOnly(InetAddress::getAllByName);
	}

	@Bean
	WebhookUrls webhookUrls(WebhookAddressPolicy policy, AlertProperties properties) {
		return new WebhookUrls(policy, properties.webhook().maxUrlLength());
	}

	@Bean
	WebhookClient webhookClient(WebhookAddressPolicy policy, AlertProperties properties, OutboundProperties outbound)
			throws NoSuchAlgorithmException {
		return new WebhookClient(policy, properties.webhook(), outbound.alerts().deadline(), SSLContext.getDefault(),
				new DefaultHostnameVerifier());
	}

}
