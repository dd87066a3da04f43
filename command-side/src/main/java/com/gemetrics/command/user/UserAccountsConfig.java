package com.gemetrics.command.user;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code user-accounts} processor is subscribing, so {@link UserAccountProjection}
 * writes in the transaction that appends the events, and it propagates errors (Axon's
 * default only logs them), so a failed write fails the command.
 */
@Configuration(proxyBeanMethods = false)
class UserAccountsConfig {

	@Bean
	ConfigurerModule userAccountsProcessor() {
		return (configurer) -> configurer
			.eventProcessing((processing) -> processing.registerSubscribingEventProcessor(UserAccountProjection.GROUP)
				.registerListenerInvocationErrorHandler(UserAccountProjection.GROUP,
						(configuration) -> PropagatingErrorHandler.instance()));
	}

}
