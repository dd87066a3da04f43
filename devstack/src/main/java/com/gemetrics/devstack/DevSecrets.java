package com.gemetrics.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The dev stack's own secrets, random and kept in a file beside the data directory, so
 * that the apps never need the {@code dev} profile's insecure fallbacks and a restart on
 * the same data can still decrypt the signing keys and the per-user data keys (ADR 22):
 * {@code GE_AUTH_KEY_SECRET}, {@code GE_INTERNAL_TOKEN} and the passwords of the apps'
 * database logins. A secret set in our own environment wins over the file.
 * {@code --fresh} deletes the file with the data.
 */
final class DevSecrets {

	static final String KEY_SECRET = "GE_AUTH_KEY_SECRET";

	static final String INTERNAL_TOKEN = "GE_INTERNAL_TOKEN";

	static final String COMMAND_DATABASE_PASSWORD = "GE_COMMAND_DATABASE_PASSWORD";

	static final String QUERY_DATABASE_PASSWORD = "GE_QUERY_DATABASE_PASSWORD";

	private static final List<String> NAMES = List.of(KEY_SECRET, INTERNAL_TOKEN, COMMAND_DATABASE_PASSWORD,
			QUERY_DATABASE_PASSWORD);

	private static final SecureRandom RANDOM = new SecureRandom();

	private DevSecrets() {
	}

	/**
	 * Where the secrets of the stack whose PostgreSQL data is in {@code dataDir} live.
	 */
	static Path fileFor(Path dataDir) {
		return dataDir.resolveSibling(dataDir.getFileName() + "-secrets.properties");
	}

	/**
	 * The secrets in {@code file}, generating (and saving) any that are missing;
	 * {@code environment} overrides the file's values.
	 */
	static Map<String, String> loadOrCreate(Path file, Map<String, String> environment) throws IOException {
		Properties stored = new Properties();
		if (Files.isRegularFile(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				stored.load(reader);
			}
		}
		boolean changed = false;
		for (String name : NAMES) {
			if (stored.getProperty(name, "").isBlank()) {
				stored.setProperty(name, random());
				changed = true;
			}
		}
		if (changed) {
			save(file, stored);
		}
		Map<String, String> secrets = new LinkedHashMap<>();
		for (String name : NAMES) {
			String given = environment.get(name);
			secrets.put(name, (given != null && !given.isBlank()) ? given : stored.getProperty(name));
		}
		return secrets;
	}

	private static void save(Path file, Properties secrets) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		try {
			Files.createFile(temporary,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(temporary);
		}
		try (Writer writer = Files.newBufferedWriter(temporary)) {
			secrets.store(writer, "GE-Metrics dev stack secrets: keep with the data directory beside this file");
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** 32 random bytes, base64url without padding. */
	static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
