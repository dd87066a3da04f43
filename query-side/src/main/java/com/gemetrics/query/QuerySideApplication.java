package com.gemetrics.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The query side: event processors, projections into PostgreSQL and Redis, REST query endpoints. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerySideApplication {

	public static void main(String[] args) {
		System.setProperty("axoniq.update-checker.disabled", "true");
		System.setProperty("disable-axoniq-console-message", "true");
		SpringApplication.run(QuerySideApplication.class, args);
	}

}
