package com.gemetrics.platform.subscription;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link EntitlementLookup} of either app: premium subscriptions from
 * {@code read.subscriptions} (the query side's projection; the command side's database
 * role reads schema {@code read} too), cached in memory and refreshed every 500 ms
 * ({@link SubscriptionEntitlements}). Needs only a {@link JdbcTemplate}. An app (or a
 * test) that declares its own {@link EntitlementLookup} bean replaces it.
 */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@ConditionalOnClass(JdbcTemplate.class)
@EnableConfigurationProperties(EntitlementProperties.class)
public class EntitlementConfig {

	@Bean
	@ConditionalOnBean(JdbcTemplate.class)
	@ConditionalOnMissingBean(EntitlementLookup.class)
	SubscriptionEntitlements entitlementLookup(JdbcTemplate jdbcTemplate, EntitlementProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> registry) {
		return new SubscriptionEntitlements(jdbcTemplate, properties, clock.getIfAvailable(Clock::systemUTC),
				registry.getIfAvailable(SimpleMeterRegistry::new));
	}

}
