package com.gemetrics.platform.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crypto-shredding in either app (ADR 22): the {@link PersonalDataCipher} under the
 * key-encryption secret ({@code ge.privacy.key-secret}, from {@code GE_AUTH_KEY_SECRET}),
 * the {@link DataKeyStore}, {@link PersonalData} and the upcaster of revision-1
 * {@code UserRegisteredEvent}s (Axon registers every upcaster bean in the app's upcaster
 * chain). Fails closed like the apps' other secrets: outside the {@code dev} profile an
 * app does not start without the secret.
 */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@ConditionalOnClass(JdbcTemplate.class)
public class PrivacyConfig {

	static final String VARIABLE = "GE_AUTH_KEY_SECRET";

	static final String DEV_PROFILE = "dev";

	private static final Logger log = LoggerFactory.getLogger(PrivacyConfig.class);

	@Bean
	@ConditionalOnMissingBean
	PersonalDataCipher personalDataCipher(@Value("${ge.privacy.key-secret:}") String secret, Environment environment) {
		if (secret != null && !secret.isBlank()) {
			return new PersonalDataCipher(secret);
		}
		if (environment.matchesProfiles(DEV_PROFILE)) {
			log.warn("{} is not set: personal data in events is encrypted under an insecure built-in key "
					+ "(allowed only because the '{}' profile is active)", VARIABLE, DEV_PROFILE);
			return new PersonalDataCipher(PersonalDataCipher.INSECURE_DEVELOPMENT_SECRET);
		}
		throw new IllegalStateException(VARIABLE + " is not set: refusing to start. Set it to the key-encryption "
				+ "secret (the same on every instance of both apps), or run with SPRING_PROFILES_ACTIVE=" + DEV_PROFILE
				+ " on a developer machine.");
	}

	@Bean
	@ConditionalOnBean(JdbcTemplate.class)
	@ConditionalOnMissingBean
	DataKeyStore dataKeyStore(JdbcTemplate jdbcTemplate, PersonalDataCipher cipher) {
		return new DataKeyStore(jdbcTemplate, cipher);
	}

	@Bean
	@ConditionalOnBean(JdbcTemplate.class)
	@ConditionalOnMissingBean
	PersonalData personalData(DataKeyStore keys, PersonalDataCipher cipher) {
		return new PersonalData(keys, cipher);
	}

	@Bean
	@ConditionalOnMissingBean
	UserRegisteredEventUpcaster userRegisteredEventUpcaster() {
		return new UserRegisteredEventUpcaster();
	}

}
