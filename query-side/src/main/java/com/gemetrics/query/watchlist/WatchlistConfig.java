package com.gemetrics.query.watchlist;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The watchlist read model's processor settings. A failing handler parks its event, and
 * the later ones of the same watchlist, in the processor's dead-letter queue (ADR 0016)
 * rather than skipping a user's event for good (Axon's default).
 */
@Configuration(proxyBeanMethods = false)
class WatchlistConfig {

	/** Named by {@code axon.eventhandling.processors.watchlist.sequencing-policy}. */
	@Bean
	WatchlistSequencingPolicy watchlistSequencingPolicy() {
		return new WatchlistSequencingPolicy();
	}

}
