package com.gemetrics.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The command side: REST command endpoints, aggregates and the market-data poller. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

	public static void main(String[] args) {
		System.setProperty("axoniq.update-checker.disabled", "true");
		System.setProperty("disable-axoniq-console-message", "true");
		SpringApplication.run(CommandSideApplication.class, args);
	}

}
