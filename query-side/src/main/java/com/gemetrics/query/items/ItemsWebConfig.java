package com.gemetrics.query.items;

import com.gemetrics.query.web.BearerTokens;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the items fast path for its two paths only, before and after Spring
 * Security's chain (see {@link ItemsFastPathFilter}). A configuration class rather than a
 * {@code @Component} filter, so that other features' web slice tests do not pick it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ItemsProperties.class)
class ItemsWebConfig {

	/** Without a verifier every bearer token goes through the security chain. */
	private static final BearerTokens NONE_VALID = (token) -> false;

	@Bean
	FilterRegistrationBean<ItemsFastPathFilter> itemsFastPathAnonymous(ItemsSnapshots snapshots,
			ItemsProperties properties, ObjectProvider<BearerTokens> bearerTokens) {
		BearerTokens verifier = bearerTokens.getIfAvailable(() -> NONE_VALID);
		return registration(new ItemsFastPathFilter(snapshots, properties, true, verifier),
				"itemsFastPathBeforeSecurity", SecurityProperties.DEFAULT_FILTER_ORDER - 1);
	}

	@Bean
	FilterRegistrationBean<ItemsFastPathFilter> itemsFastPathFilter(ItemsSnapshots snapshots,
			ItemsProperties properties) {
		return registration(new ItemsFastPathFilter(snapshots, properties, false, NONE_VALID), "itemsFastPath",
				Ordered.LOWEST_PRECEDENCE - 100);
	}

	private static FilterRegistrationBean<ItemsFastPathFilter> registration(ItemsFastPathFilter filter, String name,
			int order) {
		FilterRegistrationBean<ItemsFastPathFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(ItemsFastPathFilter.LIST_PATH, ItemsFastPathFilter.ITEM_PREFIX + "*");
		registration.setOrder(order);
		registration.setName(name);
		return registration;
	}

}
