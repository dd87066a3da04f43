package com.gemetrics.query.items;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Wiring of the items read model: the processor's sequencing policy and a raw-bytes Redis
 * template. A failing handler parks its poll, and every later one, in the processor's
 * dead-letter queue until a retry applies them in order (ADR 0016).
 */
@Configuration(proxyBeanMethods = false)
class ItemsConfig {

	/**
	 * Market-data events carry one poll each and must apply in order, so they share one
	 * sequence: named by {@code axon.eventhandling.processors.items.sequencing-policy}. A
	 * fixed string, not Axon's {@code SequentialPolicy}, whose key is an object whose
	 * hash changes with every start: the dead-letter queue stores the key, and after a
	 * restart later polls would no longer queue behind a parked one.
	 */
	@Bean
	SequencingPolicy<EventMessage<?>> itemsSequencingPolicy() {
		return (event) -> "market-data";
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
