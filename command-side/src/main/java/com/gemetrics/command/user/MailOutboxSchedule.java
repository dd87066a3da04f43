package com.gemetrics.command.user;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the outbox sender on every instance, and the purge of old mails and tokens hourly.
 * A tick only claims and hands off: the sends run on the {@code mail} lane, so a slow
 * SMTP server never holds a scheduler thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailOutboxSchedule implements SchedulingConfigurer {

	private final MailOutboxSender sender;

	private final AccountProperties properties;

	MailOutboxSchedule(MailOutboxSender sender, AccountProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::drain, this.properties.mail().pollInterval(),
				this.properties.mail().pollInterval()));
		registrar.addFixedDelayTask(new FixedDelayTask(this.sender::purge, Duration.ofHours(1), Duration.ofMinutes(1)));
	}

	private void drain() {
		int claimed;
		do {
			claimed = this.sender.sendDue();
		}
		while (claimed > 0);
	}

}
