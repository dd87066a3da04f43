package com.gemetrics.command.alert;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the alert delivery sender on every instance. A tick only claims and hands off: the
 * sends run on the {@code alerts} lane, so a slow webhook never holds a scheduler thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AlertDeliverySchedule implements SchedulingConfigurer {

	private final AlertDeliverySender sender;

	private final AlertProperties properties;

	AlertDeliverySchedule(AlertDeliverySender sender, AlertProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this::drain, this.properties.pollInterval(), this.properties.pollInterval()));
	}

	private void drain() {
		int claimed;
		do {
			claimed = this.sender.sendDue();
		}
		while (claimed > 0);
	}

}
