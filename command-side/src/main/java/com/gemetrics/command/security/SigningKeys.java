package com.gemetrics.command.security;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.gemetrics.command.security.SigningKeyRepository.StoredKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 signing keys, shared by every command-side instance through
 * {@code auth.signing_key}. Each instance holds the published keys in memory, reloads
 * them every {@code ge.auth.keys.check-interval}, and then creates a successor when the
 * current key is due (under an advisory lock, so two instances never both create one). A
 * successor is published {@code publish-ahead} before it signs; a retired key stays
 * published until every token it signed has expired, so a rotation logs nobody out.
 * <p>
 * Also the key source of this app's own JWT decoder: a token naming an unknown kid
 * reloads the keys from the database, at most once per
 * {@code unknown-kid-reload-interval}.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

	static final String ALGORITHM = "RS256";

	static final String KEY_SECRET_VARIABLE = "GE_AUTH_KEY_SECRET";

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final SigningKeyRepository repository;

	private final TransactionTemplate transactions;

	private final AuthProperties properties;

	private final SigningKeyCipher cipher;

	private final Clock clock;

	private volatile Loaded loaded;

	private volatile Instant lastUnknownKidReload = Instant.EPOCH;

	SigningKeys(SigningKeyRepository repository, TransactionTemplate transactions, AuthProperties properties,
			Clock clock, Environment environment) {
		this.repository = repository;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		String secret = RequiredSecret.require(properties.keys().secret(), KEY_SECRET_VARIABLE, environment,
				"signing keys are encrypted with the INSECURE development default");
		this.cipher = new SigningKeyCipher((secret != null) ? secret : SigningKeyCipher.INSECURE_DEVELOPMENT_SECRET);
	}

	/** One usable key: the public half as a JWK, the private half decrypted. */
	record SigningKey(String kid, RSAKey publicJwk, PrivateKey privateKey, Instant activatesAt, Instant retiresAt) {
	}

	private record Loaded(List<SigningKey> keys, JWKSet publicSet, Instant loadedAt) {
	}

	/** The key that signs now: the newest whose activation time has passed. */
	SigningKey current() {
		Instant now = this.clock.instant();
		SigningKey key = signingKeyAt(keys(), now);
		if (key == null) {
			rotateIfDue();
			key = signingKeyAt(keys(), now);
		}
		if (key == null) {
			throw new IllegalStateException("No signing key is active");
		}
		return key;
	}

	/**
	 * The JWKS: every published public key (current, upcoming, and retired ones still
	 * needed).
	 */
	JWKSet publicKeys() {
		return keys().publicSet();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		List<JWK> found = selector.select(keys().publicSet());
		if (found.isEmpty()) {
			Instant now = this.clock.instant();
			if (now.isAfter(this.lastUnknownKidReload.plus(this.properties.keys().unknownKidReloadInterval()))) {
				this.lastUnknownKidReload = now;
				found = selector.select(reload().publicSet());
			}
		}
		return found;
	}

	/**
	 * Creates the first key, or the current key's successor when it is due; then reloads.
	 */
	void rotateIfDue() {
		this.transactions.executeWithoutResult((status) -> {
			this.repository.lockForRotation();
			Instant now = this.clock.instant();
			AuthProperties.Keys keys = this.properties.keys();
			StoredKey newest = this.repository.findNewest().orElse(null);
			if (newest == null) {
				create(now, now);
			}
			else if (!now.isBefore(newest.activatesAt().plus(keys.rotationInterval()).minus(keys.publishAhead()))) {
				Instant activatesAt = now.plus(keys.publishAhead());
				create(now, activatesAt);
				this.repository.retireBefore(activatesAt);
			}
			int deleted = this.repository.deleteRetiredBefore(now.minus(retention()).minus(Duration.ofDays(1)));
			if (deleted > 0) {
				log.info("Deleted {} expired signing keys", deleted);
			}
		});
		reload();
	}

	/**
	 * Creates a successor now, activating after {@code publishAhead}, whatever the
	 * schedule says.
	 */
	void rotate(Duration publishAhead) {
		this.transactions.executeWithoutResult((status) -> {
			this.repository.lockForRotation();
			Instant now = this.clock.instant();
			Instant activatesAt = now.plus(publishAhead);
			create(now, activatesAt);
			this.repository.retireBefore(activatesAt);
		});
		reload();
	}

	/** Reloads the published keys from the database. */
	void refresh() {
		reload();
	}

	private Loaded keys() {
		Loaded current = this.loaded;
		return (current != null) ? current : reload();
	}

	private synchronized Loaded reload() {
		Instant now = this.clock.instant();
		List<SigningKey> keys = new ArrayList<>();
		List<JWK> published = new ArrayList<>();
		for (StoredKey stored : this.repository.findPublished(now, retention())) {
			SigningKey key = decode(stored);
			keys.add(key);
			published.add(key.publicJwk());
		}
		Loaded fresh = new Loaded(List.copyOf(keys), new JWKSet(published), now);
		this.loaded = fresh;
		return fresh;
	}

	/** A retired key stays published while a token it signed can still be accepted. */
	private Duration retention() {
		return this.properties.accessTokenTtl()
			.plus(this.properties.clockSkew())
			.plus(this.properties.keys().checkInterval());
	}

	private static SigningKey signingKeyAt(Loaded loaded, Instant now) {
		for (SigningKey key : loaded.keys()) {
			if (!key.activatesAt().isAfter(now)) {
				return key;
			}
		}
		return null;
	}

	private void create(Instant now, Instant activatesAt) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(this.properties.keys().rsaBits());
			KeyPair pair = generator.generateKeyPair();
			RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyIDFromThumbprint().build();
			String kid = jwk.getKeyID();
			this.repository.insert(new StoredKey(kid, ALGORITHM, pair.getPublic().getEncoded(),
					this.cipher.encrypt(kid, pair.getPrivate().getEncoded()), now, activatesAt, null));
			log.info("Created signing key {} activating at {}", kid, activatesAt);
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("Cannot create a signing key", ex);
		}
	}

	private SigningKey decode(StoredKey stored) {
		try {
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
			PrivateKey privateKey = rsa.generatePrivate(
					new PKCS8EncodedKeySpec(this.cipher.decrypt(stored.kid(), stored.encryptedPrivateKey())));
			RSAKey jwk = new RSAKey.Builder(publicKey).keyID(stored.kid())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
			return new SigningKey(stored.kid(), jwk, privateKey, stored.activatesAt(), stored.retiresAt());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read signing key " + stored.kid(), ex);
		}
	}

	/** The JWKS document as served. */
	Map<String, Object> publicJwks() {
		return publicKeys().toJSONObject(true);
	}

}
