package com.gemetrics.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/events.md} lists every event of this module, at its revision, and no event
 * that is gone: a row is {@code | `SomeEvent(fields)` | revision | fact | emitted by |
 * consumed by |}. Its "consumed by" cell names, after {@code command side:} and
 * {@code query side:}, exactly the processing groups of that app whose
 * {@code @EventHandler} methods take the event, read from the apps' sources (this module
 * cannot load their classes).
 */
class EventCatalogueTest {

	private static final Path DOCS = Path.of("..", "docs", "events.md");

	private static final Map<String, Path> APPS = Map.of("command side", Path.of("..", "command-side"), "query side",
			Path.of("..", "query-side"));

	private static final Pattern EVENT_NAME = Pattern.compile("`(\\w+Event)\\b");

	private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

	/** A processing group or an event handler, as annotations at the start of a line. */
	private static final Pattern ANNOTATION = Pattern
		.compile("(?m)^\\s*@(?:ProcessingGroup\\(\\s*([^)]+?)\\s*\\)|EventHandler\\b)");

	/** The first parameter's type of the method after an {@code @EventHandler}. */
	private static final Pattern FIRST_PARAMETER = Pattern
		.compile("\\(\\s*(?:final\\s+)?(?:@\\w+(?:\\([^)]*\\))?\\s+)*([\\w.]+)(?:<[^>]*>)?\\s+\\w+");

	private static final Pattern GROUP_CONSTANT = Pattern
		.compile("static\\s+final\\s+String\\s+GROUP\\s*=\\s*\"([^\"]+)\"");

	@Test
	void listsEveryEventAtItsRevisionAndNoOther() throws IOException {
		Map<String, String> revisions = new TreeMap<>();
		catalogue().forEach((event, row) -> revisions.put(event, row.revision()));

		assertThat(events()).hasSizeGreaterThan(30);
		assertThat(revisions).isEqualTo(events());
	}

	@Test
	void namesEachAppsProcessorsOfEveryEventAsTheCodeHasThem() throws IOException {
		Map<String, Row> catalogue = catalogue();
		for (Map.Entry<String, Path> app : APPS.entrySet()) {
			Handlers handlers = handlers(app.getValue().resolve(Path.of("src", "main", "java")));
			assertThat(handlers.groups()).as("processing groups of the %s", app.getKey()).isNotEmpty();
			assertThat(handlers.problems()).as("event handlers of the %s", app.getKey()).isEmpty();

			Map<String, Set<String>> documented = new TreeMap<>();
			for (Map.Entry<String, Row> row : catalogue.entrySet()) {
				Set<String> groups = row.getValue().consumers(app.getKey(), handlers.groups());
				if (!groups.isEmpty()) {
					documented.put(row.getKey(), groups);
				}
			}
			assertThat(documented).as("docs/events.md: the %s's processors per event", app.getKey())
				.isEqualTo(handlers.byEvent());
		}
	}

	private static Map<String, String> events() {
		Map<String, String> events = new TreeMap<>();
		for (JavaClass event : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.gemetrics.api")) {
			if (event.isAnnotatedWith(Revision.class)) {
				events.put(event.getSimpleName(), event.getAnnotationOfType(Revision.class).value());
			}
		}
		return events;
	}

	private static Map<String, Row> catalogue() throws IOException {
		Map<String, Row> rows = new TreeMap<>();
		for (String line : Files.readAllLines(DOCS)) {
			if (!line.startsWith("| `")) {
				continue;
			}
			String[] cells = line.split("\\|");
			Matcher names = EVENT_NAME.matcher(cells[1]);
			while (names.find()) {
				rows.put(names.group(1), new Row(cells[2].strip(), (cells.length > 5) ? cells[5] : ""));
			}
		}
		return rows;
	}

	/** Every {@code @EventHandler} of an app's sources, by event and processing group. */
	private static Handlers handlers(Path sources) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
		Map<String, String> constants = new TreeMap<>();
		for (Path file : files) {
			Matcher constant = GROUP_CONSTANT.matcher(Files.readString(file));
			if (constant.find()) {
				constants.put(file.getFileName().toString().replace(".java", "") + ".GROUP", constant.group(1));
			}
		}
		Set<String> events = events().keySet();
		Handlers handlers = new Handlers(new TreeSet<>(), new TreeMap<>(), new ArrayList<>());
		for (Path file : files) {
			String source = Files.readString(file);
			String group = null;
			Matcher annotation = ANNOTATION.matcher(source);
			while (annotation.find()) {
				if (annotation.group(1) != null) {
					String value = annotation.group(1);
					group = value.startsWith("\"") ? value.replace("\"", "") : constants.get(value);
					if (group == null) {
						handlers.problems().add(file + ": cannot resolve @ProcessingGroup(" + value + ")");
					}
					else {
						handlers.groups().add(group);
					}
					continue;
				}
				Matcher parameter = FIRST_PARAMETER.matcher(source).region(annotation.end(), source.length());
				String event = parameter.find() ? parameter.group(1).replaceAll(".*\\.", "") : "?";
				if (!events.contains(event)) {
					handlers.problems().add(file + ": an @EventHandler of " + event + ", not an event of shared-api");
				}
				else if (group == null) {
					handlers.problems().add(file + ": an @EventHandler of " + event + " outside any @ProcessingGroup");
				}
				else {
					handlers.byEvent().computeIfAbsent(event, (key) -> new TreeSet<>()).add(group);
				}
			}
		}
		return handlers;
	}

	private record Row(String revision, String consumers) {

		/** The processing groups this row names for one app, among that app's groups. */
		Set<String> consumers(String app, Set<String> groups) {
			String other = APPS.keySet().stream().filter((name) -> !name.equals(app)).findFirst().orElseThrow();
			String cell = this.consumers;
			int start = cell.indexOf(app + ":");
			if (start < 0) {
				return Set.of();
			}
			int end = cell.indexOf(other + ":", start);
			String part = cell.substring(start, (end < 0) ? cell.length() : end);
			Set<String> named = new TreeSet<>();
			Matcher backticked = BACKTICKED.matcher(part);
			while (backticked.find()) {
				if (groups.contains(backticked.group(1))) {
					named.add(backticked.group(1));
				}
			}
			return named;
		}

	}

	private record Handlers(Set<String> groups, Map<String, Set<String>> byEvent, List<String> problems) {

	}

}
