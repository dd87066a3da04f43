package com.gemetrics.command.user;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.gemetrics.platform.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords (ADR 7): Argon2id with 19 MiB, t=2, p=1, as
 * {@code {argon2}$argon2id$…} so the algorithm and cost can change later; a stored hash
 * with a weaker setting is flagged for upgrade at the next login. Passwords are
 * NFC-normalized first, so one passphrase typed on two keyboards is one password. At most
 * {@code ge.auth.password.max-concurrent-hashes} hashes run at once, which bounds memory
 * (19 MiB each) and CPU however many requests arrive; a request that cannot get a slot in
 * time is answered 503.
 */
@Component
class PasswordHasher {

	static final String ARGON2 = "argon2";

	/** OWASP's Argon2id setting: 19 MiB (in KiB), 2 iterations, 1 lane. */
	static final int MEMORY_KIB = 19 * 1024;

	static final int ITERATIONS = 2;

	static final int PARALLELISM = 1;

	private final PasswordEncoder encoder;

	private final Semaphore slots;

	private final AccountProperties.Password properties;

	private final String dummyHash;

	PasswordHasher(AccountProperties properties) {
		this.properties = properties.password();
		this.encoder = encoder();
		this.slots = new Semaphore(this.properties.maxConcurrentHashes(), true);
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		this.dummyHash = this.encoder.encode(Base64.getEncoder().encodeToString(random));
	}

	/** The encoder: new hashes with Argon2id; bcrypt hashes are still read. */
	static PasswordEncoder encoder() {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);
		return new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, argon2, "bcrypt", new BCryptPasswordEncoder(12)));
	}

	String hash(String rawPassword) {
		return bounded(() -> this.encoder.encode(normalize(rawPassword)));
	}

	/**
	 * Whether the password matches the hash. With no hash (an unknown user), checks
	 * against a dummy hash of the same cost and answers false, so the answer takes as
	 * long either way.
	 */
	boolean matches(String rawPassword, String storedHash) {
		boolean known = storedHash != null;
		boolean matches = bounded(
				() -> this.encoder.matches(normalize(rawPassword), known ? storedHash : this.dummyHash));
		return known && matches;
	}

	boolean needsUpgrade(String storedHash) {
		return this.encoder.upgradeEncoding(storedHash);
	}

	static String normalize(String rawPassword) {
		return Normalizer.normalize(rawPassword, Normalizer.Form.NFC);
	}

	private <T> T bounded(Supplier<T> work) {
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(this.properties.hashQueueTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		if (!acquired) {
			throw busy();
		}
		try {
			return work.get();
		}
		finally {
			this.slots.release();
		}
	}

	private static ApiException busy() {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "AUTH_BUSY",
				"Too many sign-ins at once; try again in a moment.");
	}

}
