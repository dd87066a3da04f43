package com.gemetrics.platform.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UserRegisteredEvent} revision 1, as stored before crypto-shredding (the JSON
 * fixture), upcast and deserialized by Axon's Jackson serializer as the apps do.
 */
class UserRegisteredEventUpcasterTest {

	/**
	 * The stored sample of revision 1, frozen with every other event's
	 * (EventContractTest).
	 */
	private static final Path FIXTURE = Path.of("src", "test", "resources", "events", "UserRegisteredEvent", "1.json");

	private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

	@Test
	void revisionOneBecomesRevisionTwoWithTheClearValuesWithheld() throws IOException {
		List<IntermediateEventRepresentation> upcast = upcast(stored(fixture(), "1"));

		assertThat(upcast).hasSize(1);
		assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
		UserRegisteredEvent event = this.serializer.deserialize(upcast.get(0).getData());
		assertThat(event.userId()).isEqualTo(new UserId(UUID.fromString("6f1c2a8e-3b7d-4c1e-9a2f-5d8e7b6c4a01")));
		assertThat(event.registeredAt()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
		assertThat(event.email()).isEqualTo(EncryptedValue.withheld());
		assertThat(event.displayName()).isEqualTo(EncryptedValue.withheld());
		assertThat(new String(upcast.get(0).getData(byte[].class).getData())).doesNotContain("Zezima");
	}

	@Test
	void revisionTwoPassesUnchanged() throws IOException {
		UserRegisteredEvent current = new UserRegisteredEvent(new UserId(UUID.randomUUID()),
				new EncryptedValue("c2VhbGVkIGFkZHJlc3M="), new EncryptedValue("c2VhbGVkIG5hbWU="),
				Instant.parse("2026-12-01T00:00:00Z"));
		byte[] json = this.serializer.serialize(current, byte[].class).getData();
		assertThat(new String(json)).contains("\"ciphertext\":\"c2VhbGVkIGFkZHJlc3M=\"").doesNotContain("withheld");

		List<IntermediateEventRepresentation> upcast = upcast(stored(json, "2"));

		assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
		assertThat((UserRegisteredEvent) this.serializer.deserialize(upcast.get(0).getData())).isEqualTo(current);
	}

	private List<IntermediateEventRepresentation> upcast(GenericDomainEventEntry<byte[]> entry) {
		return new EventUpcasterChain(new UserRegisteredEventUpcaster())
			.upcast(Stream.of(new InitialEventRepresentation(entry, this.serializer)))
			.toList();
	}

	private static GenericDomainEventEntry<byte[]> stored(byte[] payload, String revision) {
		SerializedType type = new SimpleSerializedObject<>(payload, byte[].class, UserRegisteredEvent.class.getName(),
				revision)
			.getType();
		return new GenericDomainEventEntry<>("User", UUID.randomUUID().toString(), 0, UUID.randomUUID().toString(),
				Instant.parse("2026-06-01T10:00:00Z"), type.getName(), type.getRevision(), payload, "{}".getBytes());
	}

	private static byte[] fixture() throws IOException {
		return Files.readAllBytes(FIXTURE);
	}

}
