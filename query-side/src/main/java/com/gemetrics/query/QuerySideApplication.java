package com.gemetrics.query;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The query side: event processors, projections into PostgreSQL and Redis, REST query
 * endpoints.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class QuerySideApplication {

	public static void main(String[] args) {
		System.setProperty("axoniq.update-checker.disabled", "true");
		System.setProperty("disable-axoniq-console-message", "true");
		SpringApplication.run(QuerySideApplication.class, args);
	}

	/** The one clock: all times are UTC instants, and tests can fix it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
