package com.gemetrics.query.marketstats;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Wiring of the market overview's shared cache. */
@Configuration(proxyBeanMethods = false)
class MarketStatsConfig {

	@Bean
	MarketStatsCache marketStatsCache(StringRedisTemplate redis, ObjectMapper json, MarketStatsProperties properties,
			Clock clock, @Value("${ge.redis.key-prefix:ge:}") String keyPrefix) {
		return new MarketStatsCache(redis, json, properties, clock, keyPrefix);
	}

}
