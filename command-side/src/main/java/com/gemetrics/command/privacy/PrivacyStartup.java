package com.gemetrics.command.privacy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Runs the one-time {@link StoredEventEncryption} when the command side starts (unless
 * {@code ge.privacy.encrypt-stored-events-on-start} is false), before it serves requests
 * as soon as it has started. A failure stops the start: a key-encryption secret that
 * cannot open the stored keys must not go unnoticed.
 */
@Component
class PrivacyStartup implements ApplicationRunner {

	private final StoredEventEncryption encryption;

	private final boolean enabled;

	PrivacyStartup(StoredEventEncryption encryption,
			@Value("${ge.privacy.encrypt-stored-events-on-start:true}") boolean enabled) {
		this.encryption = encryption;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.enabled) {
			this.encryption.run();
		}
	}

}
