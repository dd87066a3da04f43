package com.gemetrics.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DevSecretsTest {

	@TempDir
	Path run;

	@Test
	void generatesEverySecretOnceAndKeepsThemForTheNextStart() throws Exception {
		Path file = DevSecrets.fileFor(this.run.resolve("postgres"));

		Map<String, String> first = DevSecrets.loadOrCreate(file, Map.of());
		Map<String, String> second = DevSecrets.loadOrCreate(file, Map.of());

		assertThat(file).isEqualTo(this.run.resolve("postgres-secrets.properties"));
		assertThat(first).containsOnlyKeys(DevSecrets.KEY_SECRET, DevSecrets.INTERNAL_TOKEN,
				DevSecrets.COMMAND_DATABASE_PASSWORD, DevSecrets.QUERY_DATABASE_PASSWORD);
		assertThat(first.values()).allSatisfy((secret) -> assertThat(secret).hasSizeGreaterThanOrEqualTo(43))
			.doesNotHaveDuplicates();
		assertThat(second).isEqualTo(first);
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void anotherDataDirectoryGetsOtherSecrets() throws Exception {
		Map<String, String> one = DevSecrets.loadOrCreate(DevSecrets.fileFor(this.run.resolve("a")), Map.of());
		Map<String, String> other = DevSecrets.loadOrCreate(DevSecrets.fileFor(this.run.resolve("b")), Map.of());

		assertThat(other.get(DevSecrets.KEY_SECRET)).isNotEqualTo(one.get(DevSecrets.KEY_SECRET));
	}

	@Test
	void aSecretInTheEnvironmentWins() throws Exception {
		Path file = DevSecrets.fileFor(this.run.resolve("postgres"));

		Map<String, String> secrets = DevSecrets.loadOrCreate(file,
				Map.of(DevSecrets.INTERNAL_TOKEN, "from-the-environment"));

		assertThat(secrets).containsEntry(DevSecrets.INTERNAL_TOKEN, "from-the-environment");
		assertThat(DevSecrets.loadOrCreate(file, Map.of()).get(DevSecrets.INTERNAL_TOKEN))
			.isNotEqualTo("from-the-environment");
	}

}
