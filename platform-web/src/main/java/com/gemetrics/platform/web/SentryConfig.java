package com.gemetrics.platform.web;

import io.sentry.Sentry;
import io.sentry.SentryOptions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Sentry for both apps, on when {@code SENTRY_DSN} is set: no default PII, no request
 * bodies, and every event scrubbed by {@link ServerErrorReports#scrub} (applied after the
 * properties, so configuration cannot switch it off).
 */
@AutoConfiguration
@ConditionalOnClass(Sentry.class)
public class SentryConfig {

	@Bean
	Sentry.OptionsConfiguration<SentryOptions> gemetricsSentryPrivacy() {
		return ServerErrorReports::configure;
	}

}
