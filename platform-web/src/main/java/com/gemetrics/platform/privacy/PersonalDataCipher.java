package com.gemetrics.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;

/**
 * The cryptography of crypto-shredding (ADR 22), JDK only. Each user has a random AES-256
 * data key; personal data in their events is AES-256-GCM under it. The data key is stored
 * wrapped: AES-256-GCM under the key-encryption key, which is derived from
 * {@code GE_AUTH_KEY_SECRET} as HMAC-SHA256 of a label of its own (the signing keys use
 * another label, so neither key can open the other's ciphertexts). Both layers bind the
 * user id as associated data: a wrapped key or a value copied to another user does not
 * decrypt. Stored form of both: 12-byte random IV, then ciphertext and 16-byte tag.
 */
public final class PersonalDataCipher {

	/**
	 * Used only under the {@code dev} profile when {@code GE_AUTH_KEY_SECRET} is unset;
	 * the same as the command side's signing-key fallback, so the two dev apps agree.
	 */
	public static final String INSECURE_DEVELOPMENT_SECRET = "ge-metrics-insecure-development-key-secret";

	private static final String LABEL = "ge-metrics/privacy/user-data-key/v1";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int KEY_BYTES = 32;

	private final SecretKeySpec keyEncryptionKey;

	private final SecureRandom random = new SecureRandom();

	/**
	 * @param secret the key-encryption secret ({@code GE_AUTH_KEY_SECRET}), the same on
	 * every instance of both apps
	 */
	public PersonalDataCipher(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			this.keyEncryptionKey = new SecretKeySpec(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot derive the data-key encryption key", ex);
		}
	}

	/** A new random data key for one user. */
	public SecretKey newDataKey() {
		byte[] key = new byte[KEY_BYTES];
		this.random.nextBytes(key);
		return new SecretKeySpec(key, "AES");
	}

	/** The data key as stored: encrypted under the key-encryption key. */
	public byte[] wrap(UserId userId, SecretKey dataKey) {
		return seal(this.keyEncryptionKey, userId, dataKey.getEncoded());
	}

	/**
	 * The data key from its stored form.
	 * @throws IllegalStateException when it does not decrypt: another
	 * {@code GE_AUTH_KEY_SECRET}, or another user's row
	 */
	public SecretKey unwrap(UserId userId, byte[] wrapped) {
		try {
			return new SecretKeySpec(open(this.keyEncryptionKey, userId, wrapped), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot unwrap the data key of user " + userId
					+ ": is GE_AUTH_KEY_SECRET the same on every instance of both apps?", ex);
		}
	}

	/** Encrypts one value of the user's personal data under their data key. */
	public EncryptedValue encrypt(UserId userId, SecretKey dataKey, String clear) {
		return new EncryptedValue(
				Base64.getEncoder().encodeToString(seal(dataKey, userId, clear.getBytes(StandardCharsets.UTF_8))));
	}

	/**
	 * Decrypts one value of the user's personal data.
	 * @throws IllegalArgumentException when the value is withheld, malformed or not this
	 * user's under this key
	 */
	public String decrypt(UserId userId, SecretKey dataKey, EncryptedValue value) {
		if (value.isWithheld()) {
			throw new IllegalArgumentException("The value is withheld: there is nothing to decrypt");
		}
		try {
			byte[] stored = Base64.getDecoder().decode(value.ciphertext());
			return new String(open(dataKey, userId, stored), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("The value does not decrypt under user " + userId + "'s data key", ex);
		}
	}

	private byte[] seal(SecretKey key, UserId userId, byte[] plaintext) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(userId.toString().getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] stored = Arrays.copyOf(iv, IV_BYTES + sealed.length);
			System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
			return stored;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt for user " + userId, ex);
		}
	}

	private static byte[] open(SecretKey key, UserId userId, byte[] stored) throws GeneralSecurityException {
		if (stored.length < IV_BYTES + TAG_BITS / 8) {
			throw new GeneralSecurityException("too short to be a sealed value");
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
		cipher.updateAAD(userId.toString().getBytes(StandardCharsets.UTF_8));
		return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
	}

}
