package com.gemetrics.command.scheduling;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One pool of scheduler threads, {@code spring.task.scheduling.pool.size} of them, on
 * every JDK. Without this bean Spring Boot picks, on Java 21+ with virtual threads on, a
 * scheduler that runs every fixed-delay task on one single thread (the mail outbox, alert
 * deliveries, key rotation and the purges here), whatever the pool size says: one stuck
 * task would stop the others again. Tasks that call out hand the call to their own lane
 * ({@code com.gemetrics.command.outbound}), so a thread here is only held for short
 * database work or, for a price poll, at most the prices API's deadline.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

	@Bean(name = "taskScheduler")
	ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.build();
	}

}
