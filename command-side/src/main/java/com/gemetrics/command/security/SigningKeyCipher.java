package com.gemetrics.command.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys' private halves at rest: AES-256-GCM under a key derived from
 * {@code GE_AUTH_KEY_SECRET} (HMAC-SHA256 of a fixed label, keyed with the secret: the
 * secret is expected to be long and random, so no password stretching). The kid is the
 * associated data, so a ciphertext cannot be moved to another row. Stored form: 12-byte
 * IV, then ciphertext and tag.
 */
final class SigningKeyCipher {

	/**
	 * Used only under the {@code dev} profile when {@code GE_AUTH_KEY_SECRET} is unset.
	 */
	static final String INSECURE_DEVELOPMENT_SECRET = "ge-metrics-insecure-development-key-secret";

	private static final String LABEL = "ge-metrics/auth/signing-key/v1";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	SigningKeyCipher(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			this.key = new SecretKeySpec(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot derive the signing-key encryption key", ex);
		}
	}

	byte[] encrypt(String kid, byte[] plaintext) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] stored = Arrays.copyOf(iv, IV_BYTES + sealed.length);
			System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
			return stored;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt signing key " + kid, ex);
		}
	}

	byte[] decrypt(String kid, byte[] stored) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot decrypt signing key " + kid
					+ ": is GE_AUTH_KEY_SECRET the same on every command-side instance?", ex);
		}
	}

}
