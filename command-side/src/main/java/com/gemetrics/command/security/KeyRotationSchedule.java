package com.gemetrics.command.security;

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
 * On every instance: reload the signing keys and rotate when due (the first run creates
 * the first key), every {@code ge.auth.keys.check-interval}; and once an hour delete
 * sessions that ended more than a day ago.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class KeyRotationSchedule implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(KeyRotationSchedule.class);

	private final SigningKeys keys;

	private final SessionRepository sessions;

	private final AuthProperties properties;

	private final Clock clock;

	KeyRotationSchedule(SigningKeys keys, SessionRepository sessions, AuthProperties properties, Clock clock) {
		this.keys = keys;
		this.sessions = sessions;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this.keys::rotateIfDue, this.properties.keys().checkInterval(), Duration.ZERO));
		registrar.addFixedDelayTask(
				new FixedDelayTask(this::deleteEndedSessions, Duration.ofHours(1), Duration.ofMinutes(5)));
	}

	private void deleteEndedSessions() {
		int deleted = this.sessions.deleteEndedBefore(this.clock.instant().minus(Duration.ofDays(1)));
		if (deleted > 0) {
			log.info("Deleted {} ended sessions", deleted);
		}
	}

}
