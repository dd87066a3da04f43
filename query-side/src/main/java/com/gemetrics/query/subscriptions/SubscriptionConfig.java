package com.gemetrics.query.subscriptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subscriptions read model's processor settings. A failing handler parks its event,
 * and the later ones of the same subscription, in the processor's dead-letter queue (ADR
 * 0016).
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionConfig {

	/** Named by {@code axon.eventhandling.processors.subscriptions.sequencing-policy}. */
	@Bean
	SubscriptionSequencingPolicy subscriptionSequencingPolicy() {
		return new SubscriptionSequencingPolicy();
	}

}
