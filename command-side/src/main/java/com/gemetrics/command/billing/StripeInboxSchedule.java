package com.gemetrics.command.billing;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the Stripe inbox processor on every instance (a tick only claims and hands off to
 * the {@code stripe-inbox} lane), and deletes processed events after
 * {@code ge.stripe.inbox.retention}, hourly.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StripeInboxSchedule implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(StripeInboxSchedule.class);

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	private final StripeInboxProcessor processor;

	private final StripeInbox inbox;

	private final StripeProperties properties;

	private final Clock clock;

	StripeInboxSchedule(StripeInboxProcessor processor, StripeInbox inbox, StripeProperties properties, Clock clock) {
		this.processor = processor;
		this.inbox = inbox;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		Duration interval = this.properties.inbox().pollInterval();
		registrar.addFixedDelayTask(new FixedDelayTask(this::drain, interval, interval));
		registrar.addFixedDelayTask(new FixedDelayTask(this::purge, PURGE_INTERVAL, PURGE_INTERVAL));
	}

	private void drain() {
		int claimed;
		do {
			claimed = this.processor.processDue();
		}
		while (claimed > 0);
	}

	private void purge() {
		int purged = this.inbox.purgeProcessedBefore(this.clock.instant().minus(this.properties.inbox().retention()));
		if (purged > 0) {
			log.info("Deleted {} Stripe events processed more than {} ago", purged,
					this.properties.inbox().retention());
		}
	}

}
