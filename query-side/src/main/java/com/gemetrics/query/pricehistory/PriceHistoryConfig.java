package com.gemetrics.query.pricehistory;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of the price-history read model. A failing handler fails its batch, which rolls
 * back and is retried by the processor, rather than being logged and skipped: a skipped
 * bucket would be a silent hole in the history. The processor itself (tracking, batch
 * size) is set in {@code application.yml} under
 * {@code axon.eventhandling.processors.price-history}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PriceHistoryConfig {

	/** Referenced by name from {@code application.yml}: price events apply in order. */
	@Bean
	SequentialPolicy priceHistorySequencingPolicy() {
		return new SequentialPolicy();
	}

	@Bean
	ConfigurerModule priceHistoryErrorHandling() {
		return (configurer) -> configurer.eventProcessing()
			.registerListenerInvocationErrorHandler(PriceHistoryProjection.GROUP,
					(configuration) -> PropagatingErrorHandler.instance());
	}

}
