package com.gemetrics.command.price;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Schedules the poller on every instance (the lock picks one to do the work). Off with
 * {@code ge.poller.enabled=false}, as in tests that call the poller themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "ge.poller.enabled", havingValue = "true", matchIfMissing = true)
class MarketPollSchedule implements SchedulingConfigurer {

	private final MarketPoller poller;

	private final PollerProperties properties;

	MarketPollSchedule(MarketPoller poller, PollerProperties properties) {
		this.poller = poller;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedRateTask(
				new FixedRateTask(this.poller::pollMapping, this.properties.mapping().interval(), Duration.ZERO));
		registrar.addFixedRateTask(
				new FixedRateTask(this.poller::pollLatest, this.properties.latest().interval(), Duration.ofSeconds(2)));
		registrar.addFixedRateTask(new FixedRateTask(this.poller::pollFiveMinute,
				this.properties.fiveMinute().interval(), Duration.ofSeconds(4)));
		registrar.addFixedRateTask(new FixedRateTask(this.poller::pollOneHour, this.properties.oneHour().interval(),
				Duration.ofSeconds(6)));
	}

}
