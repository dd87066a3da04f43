package com.gemetrics.query.scheduling;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One pool of scheduler threads, {@code spring.task.scheduling.pool.size} of them, on
 * every JDK. Without this bean Spring Boot picks, on Java 21+ with virtual threads on, a
 * scheduler that runs every fixed-delay task on one single thread (the items snapshot
 * refresh, the Redis repair, the partition check and the segment balancer here), whatever
 * the pool size says, so one slow task would hold up the others.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

	@Bean(name = "taskScheduler")
	ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.build();
	}

}
