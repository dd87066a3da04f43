package com.gemetrics.query.journal;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the journal read models. A failing handler fails its batch, which rolls back
 * and is retried by the processor, rather than being logged and skipped: a skipped sale
 * would be a silent hole in a trader's profit. The processor itself (tracking, two
 * segments sequenced by flip, batch size) is set in {@code application.yml} under
 * {@code axon.eventhandling.processors.journal}.
 */
@Configuration(proxyBeanMethods = false)
class JournalConfig {

	@Bean
	ConfigurerModule journalErrorHandling() {
		return (configurer) -> configurer.eventProcessing()
			.registerListenerInvocationErrorHandler(JournalProjection.GROUP,
					(configuration) -> PropagatingErrorHandler.instance());
	}

}
