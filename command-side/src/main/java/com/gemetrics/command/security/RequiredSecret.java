package com.gemetrics.command.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;

/**
 * A secret the app must not run without. Missing (blank) outside the {@code dev} profile,
 * start-up fails with a message naming the environment variable; under {@code dev} the
 * caller's insecure fallback is used and a warning says so. Fail closed: no built-in
 * secret and no open endpoint unless someone asked for {@code dev} explicitly.
 */
final class RequiredSecret {

	static final String DEV_PROFILE = "dev";

	private static final Logger log = LoggerFactory.getLogger(RequiredSecret.class);

	private RequiredSecret() {
	}

	/**
	 * The secret, or {@code null} when it is blank and the {@code dev} profile is active.
	 * @param value the configured value
	 * @param variable the environment variable that sets it, for the messages
	 * @param devFallback what the app does without it under {@code dev}, for the warning
	 * @throws IllegalStateException when it is blank outside {@code dev}
	 */
	static String require(String value, String variable, Environment environment, String devFallback) {
		if (value != null && !value.isBlank()) {
			return value;
		}
		if (environment.matchesProfiles(DEV_PROFILE)) {
			log.warn("{} is not set: {} (allowed only because the '{}' profile is active)", variable, devFallback,
					DEV_PROFILE);
			return null;
		}
		throw new IllegalStateException(variable + " is not set: refusing to start. Set it to a long random secret "
				+ "(the same on every instance), or run with SPRING_PROFILES_ACTIVE=" + DEV_PROFILE
				+ " on a developer machine.");
	}

}
