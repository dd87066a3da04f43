package com.gemetrics.platform.privacy;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The key-encryption secret fails closed, like the apps' other secrets (ADR 17). */
class PrivacyConfigTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PrivacyConfig.class));

	@Test
	void refusesToStartWithoutTheSecretOutsideDev() {
		this.contexts.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining("GE_AUTH_KEY_SECRET is not set: refusing to start"));
	}

	@Test
	void startsWithTheSecret() {
		this.contexts.withPropertyValues("ge.privacy.key-secret=a-long-random-secret")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PersonalDataCipher.class)
				.hasSingleBean(UserRegisteredEventUpcaster.class));
	}

	@Test
	void devStartsWithoutTheSecretOnTheBuiltInOne() {
		this.contexts.withPropertyValues("spring.profiles.active=dev")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(PersonalDataCipher.class));
	}

}
