package com.gemetrics.query.items;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Wiring of the items read model: the processor's sequencing policy and error handling,
 * and a raw-bytes Redis template.
 */
@Configuration(proxyBeanMethods = false)
class ItemsConfig {

	/**
	 * Market-data events carry one poll each and must apply in order, so they share one
	 * sequence: named by {@code axon.eventhandling.processors.items.sequencing-policy}.
	 */
	@Bean
	SequentialPolicy itemsSequencingPolicy() {
		return new SequentialPolicy();
	}

	/**
	 * A failing handler rolls back the batch and the processor retries it, rather than
	 * logging and skipping a poll for good (Axon's default).
	 */
	@Bean
	ConfigurerModule itemsErrorHandling() {
		return (configurer) -> configurer.eventProcessing()
			.registerListenerInvocationErrorHandler(ItemsProjection.GROUP,
					(config) -> PropagatingErrorHandler.instance());
	}

	@Bean
	RedisTemplate<String, byte[]> itemsRedisTemplate(RedisConnectionFactory connectionFactory) {
		RedisTemplate<String, byte[]> template = new RedisTemplate<>();
		template.setConnectionFactory(connectionFactory);
		template.setKeySerializer(RedisSerializer.string());
		template.setValueSerializer(RedisSerializer.byteArray());
		template.setEnableDefaultSerializer(false);
		template.afterPropertiesSet();
		return template;
	}

}
