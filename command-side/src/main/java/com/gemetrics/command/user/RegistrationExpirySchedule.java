package com.gemetrics.command.user;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Expires unverified registrations older than {@code ge.auth.unverified-account-ttl}
 * every 15 minutes on every instance (each account is locked while it is expired, so
 * instances never expire one twice).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RegistrationExpirySchedule implements SchedulingConfigurer {

	static final Duration INTERVAL = Duration.ofMinutes(15);

	private final Accounts accounts;

	RegistrationExpirySchedule(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::expire, INTERVAL, INTERVAL));
	}

	private void expire() {
		int expired;
		do {
			expired = this.accounts.expireUnverified();
		}
		while (expired == Accounts.EXPIRY_BATCH);
	}

}
