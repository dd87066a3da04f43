package com.gemetrics.query.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.gemetrics.api.audit.AuditEventView;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Turns stored events into what auditors see: each payload through the app's event
 * serializer and the registered upcaster chain (the one the event store reads with, so an
 * upcaster added later applies here too) to its current revision, then through
 * {@link AuditPayloads}. Payloads stay JSON trees: no event class is needed to show an
 * event, even one whose class is gone.
 */
@Component
class AuditEvents {

	private final Serializer serializer;

	private final org.axonframework.config.Configuration axon;

	private final AuditPayloads payloads;

	AuditEvents(@Qualifier("eventSerializer") Serializer serializer, org.axonframework.config.Configuration axon,
			AuditPayloads payloads) {
		this.serializer = serializer;
		this.axon = axon;
		this.payloads = payloads;
	}

	/**
	 * The views of one stored event: usually one; an upcaster may split an event in
	 * several or drop it.
	 */
	List<AuditEventView> views(StoredEvent stored) {
		GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(stored.aggregateType(),
				stored.aggregateId(), stored.sequence(), stored.eventId(), stored.timestamp(), stored.payloadType(),
				stored.payloadRevision(), stored.payload(), stored.metaData());
		Stream<IntermediateEventRepresentation> initial = Stream
			.of(new InitialEventRepresentation(entry, this.serializer));
		EventUpcaster upcasters = this.axon.upcasterChain();
		Stream<IntermediateEventRepresentation> upcast = (upcasters != null) ? upcasters.upcast(initial) : initial;
		return upcast.map((representation) -> view(stored, entry, representation)).toList();
	}

	private AuditEventView view(StoredEvent stored, GenericDomainEventEntry<byte[]> entry,
			IntermediateEventRepresentation representation) {
		SerializedType type = representation.getType();
		JsonNode payload = representation.getData(JsonNode.class).getData();
		Map<String, Object> metadata = new LinkedHashMap<>(representation.getMetaData().getObject());
		return new AuditEventView(stored.globalIndex(), stored.aggregateType(), stored.aggregateId(), stored.sequence(),
				type.getName(), type.getRevision(), entry.getTimestamp(),
				this.payloads.view(type.getName(), type.getRevision(), payload), metadata);
	}

}
