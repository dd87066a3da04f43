package com.gemetrics.command.privacy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * What the command side does for crypto-shredding when it starts (ADR 22,
 * docs/runbook.md): re-wraps the data keys under a changed {@code GE_AUTH_KEY_SECRET}
 * when the previous one is given ({@code GE_AUTH_KEY_SECRET_PREVIOUS}), then runs the
 * one-time {@link StoredEventEncryption} (unless
 * {@code ge.privacy.encrypt-stored-events-on-start} is false). A failure stops the start:
 * a key-encryption secret that cannot open the stored keys must not go unnoticed.
 */
@Component
class PrivacyStartup implements ApplicationRunner {

	private final DataKeyRewrap rewrap;

	private final StoredEventEncryption encryption;

	private final String previousSecret;

	private final boolean encrypt;

	PrivacyStartup(DataKeyRewrap rewrap, StoredEventEncryption encryption,
			@Value("${ge.privacy.previous-key-secret:}") String previousSecret,
			@Value("${ge.privacy.encrypt-stored-events-on-start:true}") boolean encrypt) {
		this.rewrap = rewrap;
		this.encryption = encryption;
		this.previousSecret = previousSecret;
		this.encrypt = encrypt;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.previousSecret != null && !this.previousSecret.isBlank()) {
			this.rewrap.rewrap(this.previousSecret);
		}
		if (this.encrypt) {
			this.encryption.run();
		}
	}

}
