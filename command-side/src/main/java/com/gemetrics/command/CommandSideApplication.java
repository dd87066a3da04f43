package com.gemetrics.command;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The command side: REST command endpoints, aggregates and the market-data poller. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

	public static void main(String[] args) {
		System.setProperty("axoniq.update-checker.disabled", "true");
		System.setProperty("disable-axoniq-console-message", "true");
		SpringApplication.run(CommandSideApplication.class, args);
	}

	/** The one clock: all times are UTC instants, and tests can fix it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
