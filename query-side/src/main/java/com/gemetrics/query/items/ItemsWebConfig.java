package com.gemetrics.query.items;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the items fast path for its two paths only, after every other servlet filter. A
 * configuration class rather than a {@code @Component} filter, so that other features' web slice
 * tests do not pick it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ItemsProperties.class)
class ItemsWebConfig {

	@Bean
	FilterRegistrationBean<ItemsFastPathFilter> itemsFastPathFilter(ItemsSnapshots snapshots,
			ItemsProperties properties) {
		FilterRegistrationBean<ItemsFastPathFilter> registration = new FilterRegistrationBean<>(
				new ItemsFastPathFilter(snapshots, properties));
		registration.addUrlPatterns(ItemsFastPathFilter.LIST_PATH, ItemsFastPathFilter.ITEM_PREFIX + "*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		registration.setName("itemsFastPath");
		return registration;
	}

}
