package com.gemetrics.query.pricehistory;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of the price-history read model. A failing handler parks its event, and every
 * later one of the market-data sequence, in the processor's dead-letter queue until a
 * retry applies them in order (ADR 0016), rather than being logged and skipped: a skipped
 * bucket would be a silent hole in the history. The processor itself (tracking, batch
 * size) is set in {@code application.yml} under
 * {@code axon.eventhandling.processors.price-history}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PriceHistoryConfig {

	/**
	 * Referenced by name from {@code application.yml}: price events apply in order, as
	 * one sequence with a fixed key that the dead-letter queue can store (see
	 * {@code ItemsConfig}).
	 */
	@Bean
	SequencingPolicy<EventMessage<?>> priceHistorySequencingPolicy() {
		return (event) -> "market-data";
	}

}
