package com.gemetrics.command.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.gemetrics.platform.web.ApiException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (ASVS V2.1): at least {@code min-length} and at most
 * {@code max-length} Unicode code points after NFC normalization, and not one of the most
 * common passwords (compared case-insensitively). Anything else goes: spaces, any script,
 * emoji, long passphrases; no composition rules. A refusal is a 400 with a code.
 */
@Component
class PasswordPolicy {

	static final String COMMON_PASSWORDS = "auth/common-passwords.txt";

	private final AccountProperties.Password properties;

	private final Set<String> common;

	PasswordPolicy(AccountProperties properties) {
		this.properties = properties.password();
		this.common = load();
	}

	/** Throws a 400 unless the password may be set. */
	void check(String rawPassword) {
		String password = PasswordHasher.normalize(rawPassword);
		int length = password.codePointCount(0, password.length());
		if (length < this.properties.minLength()) {
			throw ApiException.badRequest("PASSWORD_TOO_SHORT",
					"The password must have at least " + this.properties.minLength() + " characters.");
		}
		if (length > this.properties.maxLength()) {
			throw ApiException.badRequest("PASSWORD_TOO_LONG",
					"The password must have at most " + this.properties.maxLength() + " characters.");
		}
		if (this.common.contains(password.toLowerCase(Locale.ROOT))) {
			throw ApiException.badRequest("PASSWORD_TOO_COMMON",
					"This password is among the most common ones; choose another.");
		}
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>();
		try (InputStream in = new ClassPathResource(COMMON_PASSWORDS).getInputStream();
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			reader.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((line) -> PasswordHasher.normalize(line).toLowerCase(Locale.ROOT))
				.forEach(passwords::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + COMMON_PASSWORDS, ex);
		}
		return Set.copyOf(passwords);
	}

}
