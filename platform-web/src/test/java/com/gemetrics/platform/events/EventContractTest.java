package com.gemetrics.platform.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Frozen event contracts. Every event of {@code shared-api} (a class annotated with
 * {@link Revision}, found by scanning {@code com.gemetrics.api}) has a stored JSON sample
 * of each revision it has had, {@code src/test/resources/events/<Event>/<revision>.json}:
 * <ul>
 * <li>the current revision's sample deserializes to the expected event
 * ({@link EventSamples}), and that event serializes to the sample's JSON, so renaming,
 * retyping, adding or dropping a record component fails the build;</li>
 * <li>an older revision's sample goes through every upcaster on the classpath (as the
 * apps' event stores read it) and comes out at the current revision as the expected
 * event, so a changed shape without an upcaster fails too.</li>
 * </ul>
 * The serializer is built as the apps build theirs: Axon's auto-configuration makes a
 * {@link JacksonSerializer} on the application's {@link ObjectMapper}
 * ({@code axon.serializer.events: jackson}, ADR 2), and Spring Boot makes that mapper
 * with the apps' {@code spring.jackson} settings. How to add a revision: docs/events.md.
 */
class EventContractTest {

	private static final String EVENTS_PACKAGE = "com.gemetrics.api";

	private static final String UPCASTERS_PACKAGE = "com.gemetrics";

	/** The {@code spring.jackson} settings of both apps' application.yml. */
	private static final String[] APP_JACKSON_SETTINGS = { "spring.jackson.default-property-inclusion=always",
			"spring.jackson.serialization.write-dates-as-timestamps=false" };

	private static JacksonSerializer serializer;

	private static ObjectMapper json;

	@BeforeAll
	static void serializerAsTheAppsBuildIt() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withPropertyValues(APP_JACKSON_SETTINGS)
			.run((context) -> json = context.getBean(ObjectMapper.class));
		serializer = JacksonSerializer.builder()
			.revisionResolver(new AnnotationRevisionResolver())
			.converter(new ChainingConverter(EventContractTest.class.getClassLoader()))
			.objectMapper(json)
			.build();
	}

	@Test
	void everyEventHasASampleOfEachRevisionAndEverySampleAnEvent() throws IOException {
		Map<String, Class<?>> events = events();
		assertThat(events).as("events found in %s", EVENTS_PACKAGE).hasSizeGreaterThan(30);

		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, Class<?>> event : events.entrySet()) {
			int current = revision(event.getValue());
			for (int revision = 1; revision <= current; revision++) {
				if (!Files.isRegularFile(sample(event.getKey(), revision))) {
					problems.add("no sample events/%s/%d.json".formatted(event.getKey(), revision));
				}
				if (EventSamples.expected(event.getKey(), String.valueOf(revision)) == null) {
					problems.add("no expected event %s/%d in EventSamples".formatted(event.getKey(), revision));
				}
			}
		}
		try (Stream<Path> directories = Files.list(samples())) {
			for (Path directory : directories.toList()) {
				String name = directory.getFileName().toString();
				if (!events.containsKey(name)) {
					problems.add("sample directory events/%s has no event in %s".formatted(name, EVENTS_PACKAGE));
					continue;
				}
				try (Stream<Path> files = Files.list(directory)) {
					for (Path file : files.toList()) {
						String revision = file.getFileName().toString().replaceFirst("\\.json$", "");
						if (!revision.matches("[1-9][0-9]*")
								|| Integer.parseInt(revision) > revision(events.get(name))) {
							problems.add("events/%s/%s is not a revision the event has had".formatted(name,
									file.getFileName()));
						}
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@TestFactory
	Stream<DynamicTest> currentRevisionReadsAndWritesItsSample() {
		return events().entrySet().stream().map((event) -> DynamicTest.dynamicTest(event.getKey(), () -> {
			String revision = String.valueOf(revision(event.getValue()));
			Object expected = EventSamples.expected(event.getKey(), revision);
			assertThat(expected).as("expected %s/%s in EventSamples", event.getKey(), revision).isNotNull();
			byte[] stored = read(event.getKey(), Integer.parseInt(revision));

			Object read = serializer
				.deserialize(new SimpleSerializedObject<>(stored, byte[].class, event.getValue().getName(), revision));
			assertThat(read).as("events/%s/%s.json read as today's class", event.getKey(), revision)
				.isEqualTo(expected);

			SerializedObject<byte[]> written = serializer.serialize(expected, byte[].class);
			assertThat(written.getType().getName()).isEqualTo(event.getValue().getName());
			assertThat(written.getType().getRevision()).isEqualTo(revision);
			assertThat(json.readTree(written.getData()))
				.as("today's %s written as JSON, against events/%s/%s.json", event.getKey(), event.getKey(), revision)
				.isEqualTo(json.readTree(stored));
		}));
	}

	@TestFactory
	Stream<DynamicTest> olderRevisionsAreUpcastToTheCurrentOne() {
		EventUpcasterChain upcasters = new EventUpcasterChain(upcasters());
		List<DynamicTest> tests = new ArrayList<>();
		for (Map.Entry<String, Class<?>> event : events().entrySet()) {
			int current = revision(event.getValue());
			for (int revision = 1; revision < current; revision++) {
				String name = event.getKey() + "/" + revision;
				int old = revision;
				tests.add(DynamicTest.dynamicTest(name, () -> {
					Object expected = EventSamples.expected(event.getKey(), String.valueOf(old));
					assertThat(expected).as("expected %s in EventSamples", name).isNotNull();
					GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Aggregate",
							UUID.randomUUID().toString(), 0, UUID.randomUUID().toString(), Instant.EPOCH,
							event.getValue().getName(), String.valueOf(old), read(event.getKey(), old),
							"{}".getBytes());

					List<IntermediateEventRepresentation> upcast = upcasters
						.upcast(Stream.of(new InitialEventRepresentation(stored, serializer)))
						.toList();

					assertThat(upcast).as("%s upcast", name).hasSize(1);
					assertThat(upcast.get(0).getType().getRevision())
						.as("revision of %s once upcast (is its upcaster in platform-web? docs/events.md)", name)
						.isEqualTo(String.valueOf(current));
					assertThat((Object) serializer.deserialize(upcast.get(0).getData())).isEqualTo(expected);
				}));
			}
		}
		return tests.stream();
	}

	/** Every event of shared-api by simple name: the classes annotated with @Revision. */
	static Map<String, Class<?>> events() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
		Map<String, Class<?>> events = new TreeMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(EVENTS_PACKAGE)) {
			Class<?> event = load(candidate.getBeanClassName());
			Class<?> other = events.put(event.getSimpleName(), event);
			if (other != null) {
				fail("two events named %s: %s and %s", event.getSimpleName(), other, event);
			}
		}
		return events;
	}

	/**
	 * Every event upcaster on the classpath, as the apps register their upcaster beans.
	 */
	private static List<EventUpcaster> upcasters() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(EventUpcaster.class));
		List<EventUpcaster> upcasters = new ArrayList<>();
		for (String name : new TreeSet<>(scanner.findCandidateComponents(UPCASTERS_PACKAGE)
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.toList())) {
			try {
				upcasters.add((EventUpcaster) load(name).getDeclaredConstructor().newInstance());
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("cannot create upcaster " + name, ex);
			}
		}
		return upcasters;
	}

	private static int revision(Class<?> event) {
		return Integer.parseInt(event.getAnnotation(Revision.class).value());
	}

	private static byte[] read(String event, int revision) throws IOException {
		return Files.readAllBytes(sample(event, revision));
	}

	private static Path sample(String event, int revision) {
		return samples().resolve(event).resolve(revision + ".json");
	}

	/**
	 * The samples in the source tree, not on the classpath: a deleted sample must not
	 * live on in {@code target/test-classes}.
	 */
	private static Path samples() {
		Path samples = Path.of("src", "test", "resources", "events");
		assertThat(samples).as("samples directory (the module is the working directory)").isDirectory();
		return samples;
	}

	private static Class<?> load(String name) {
		return ClassUtils.resolveClassName(name, EventContractTest.class.getClassLoader());
	}

}
