package com.gemetrics.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/events.md} lists every event of this module, at its revision, and no event
 * that is gone: a row is {@code | `SomeEvent(fields)` | revision | ...}.
 */
class EventCatalogueTest {

	private static final Path CATALOGUE = Path.of("..", "docs", "events.md");

	private static final Pattern EVENT_NAME = Pattern.compile("`(\\w+Event)\\b");

	@Test
	void listsEveryEventAtItsRevisionAndNoOther() throws IOException {
		Map<String, String> events = new TreeMap<>();
		for (JavaClass event : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.gemetrics.api")) {
			if (event.isAnnotatedWith(Revision.class)) {
				events.put(event.getSimpleName(), event.getAnnotationOfType(Revision.class).value());
			}
		}

		assertThat(events).hasSizeGreaterThan(30);
		assertThat(catalogue()).isEqualTo(events);
	}

	private static Map<String, String> catalogue() throws IOException {
		Map<String, String> rows = new TreeMap<>();
		for (String line : Files.readAllLines(CATALOGUE)) {
			if (!line.startsWith("| `")) {
				continue;
			}
			String[] cells = line.split("\\|");
			Matcher names = EVENT_NAME.matcher(cells[1]);
			while (names.find()) {
				rows.put(names.group(1), cells[2].strip());
			}
		}
		return rows;
	}

}
