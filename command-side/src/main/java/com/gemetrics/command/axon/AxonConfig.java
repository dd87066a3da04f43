package com.gemetrics.command.axon;

import org.axonframework.messaging.interceptors.LoggingInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL through the JDBC storage engine (the schema beans, naming the
 * snake_case tables that Flyway creates, come from platform-web's
 * {@code AxonSchemaConfig}).
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

	@Bean
	LoggingInterceptor<?> loggingInterceptor() {
		return new LoggingInterceptor<>("com.gemetrics.command.axon.messages");
	}

}
