package com.gemetrics.platform.web;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.format.FormatterRegistry;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every GE-Metrics app serves the same way: request ids and slow-request warnings,
 * and the health paths {@code /health/live}, {@code /health/ready} and
 * {@code /health/deep}; and errors answered outside Spring MVC (by Tomcat, by Spring
 * Security's firewall) as problem+json like the rest.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ RequestTracingFilter.class, HealthController.class })
public class PlatformWebConfig {

	@Bean
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	ProblemJsonErrorReports problemJsonErrorReports() {
		return new ProblemJsonErrorReports();
	}

	/** {@code Instant} request parameters within the years 1 to 9999 only. */
	@Bean
	WebMvcConfigurer boundedInstantParameters() {
		return new WebMvcConfigurer() {
			@Override
			public void addFormatters(FormatterRegistry registry) {
				registry.addFormatterForFieldType(Instant.class, new BoundedInstantFormatter());
			}
		};
	}

	@Bean
	@ConditionalOnClass(RequestRejectedHandler.class)
	RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper objectMapper) {
		return new ProblemRequestRejectedHandler(objectMapper);
	}

}
