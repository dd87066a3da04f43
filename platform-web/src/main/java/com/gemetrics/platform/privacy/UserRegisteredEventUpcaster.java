package com.gemetrics.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserRegisteredEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link UserRegisteredEvent} revision 1 (address and display name in clear) to revision
 * 2 (both encrypted). An upcaster cannot encrypt: it has no key and must not create one
 * on a read. The command side's one-time migration encrypts every stored revision-1 row
 * in place with the user's own key (docs/runbook.md), so this only ever sees a row
 * written after it (an old instance during a rolling deploy) or before it ran: those
 * values are withheld, never passed on in clear (ADR 22). {@code userId} and
 * {@code registeredAt} are kept as they are.
 */
public class UserRegisteredEventUpcaster extends SingleEventUpcaster {

	static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(UserRegisteredEvent.class.getName(), "1");

	static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(UserRegisteredEvent.class.getName(), "2");

	@Override
	protected boolean canUpcast(IntermediateEventRepresentation representation) {
		return REVISION_1.equals(representation.getType());
	}

	@Override
	protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
		return representation.upcastPayload(REVISION_2, JsonNode.class, UserRegisteredEventUpcaster::withhold);
	}

	static JsonNode withhold(JsonNode revision1) {
		ObjectNode revision2 = ((ObjectNode) revision1).deepCopy();
		ObjectNode withheld = revision2.objectNode().put("ciphertext", EncryptedValue.withheld().ciphertext());
		revision2.set("email", withheld);
		revision2.set("displayName", withheld.deepCopy());
		return revision2;
	}

}
