package com.gemetrics.query.watchlist;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The watchlist read model's processor settings. */
@Configuration(proxyBeanMethods = false)
class WatchlistConfig {

	/** Named by {@code axon.eventhandling.processors.watchlist.sequencing-policy}. */
	@Bean
	WatchlistSequencingPolicy watchlistSequencingPolicy() {
		return new WatchlistSequencingPolicy();
	}

	/**
	 * A failing handler rolls back the batch and the processor retries it, rather than
	 * logging and skipping a user's event for good (Axon's default).
	 */
	@Bean
	ConfigurerModule watchlistErrorHandling() {
		return (configurer) -> configurer.eventProcessing()
			.registerListenerInvocationErrorHandler(WatchlistProjection.GROUP,
					(config) -> PropagatingErrorHandler.instance());
	}

}
