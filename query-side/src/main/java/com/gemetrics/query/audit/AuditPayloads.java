package com.gemetrics.query.audit;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.privacy.PersonalData;

import org.springframework.stereotype.Component;

/**
 * The one step every payload shown to auditors passes through, after upcasting and before
 * it is written to a page or an export: personal data encrypted per user (an
 * {@link EncryptedValue}, {@code {"ciphertext": "…"}}, ADR 22) is shown in clear while
 * the user's data key exists, and as {@value PersonalData#ERASED} once it was destroyed.
 * Keys are looked up on every call (no cache), so an erasure shows at once in every
 * answer.
 */
@Component
class AuditPayloads {

	private final PersonalData personalData;

	AuditPayloads(PersonalData personalData) {
		this.personalData = personalData;
	}

	/**
	 * The payload as auditors see it.
	 * @param payloadType the payload's type after upcasting
	 * @param revision its revision after upcasting
	 * @param payload the upcast payload
	 */
	JsonNode view(String payloadType, String revision, JsonNode payload) {
		UserId owner = ownerOf(payload);
		if (owner == null) {
			return payload;
		}
		return reveal(owner, payload.deepCopy());
	}

	private JsonNode reveal(UserId owner, JsonNode node) {
		if (isEncryptedValue(node)) {
			return TextNode
				.valueOf(this.personalData.reveal(owner, new EncryptedValue(node.get("ciphertext").asText())));
		}
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				field.setValue(reveal(owner, field.getValue()));
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, reveal(owner, array.get(i)));
			}
		}
		return node;
	}

	private static boolean isEncryptedValue(JsonNode node) {
		return node.isObject() && node.size() == 1 && node.path("ciphertext").isTextual();
	}

	/**
	 * The user whose data key encrypts the payload's personal data: its {@code userId}.
	 */
	private static UserId ownerOf(JsonNode payload) {
		JsonNode id = payload.path("userId");
		String value = id.isTextual() ? id.asText() : id.path("value").asText(null);
		if (value == null) {
			return null;
		}
		try {
			return new UserId(UUID.fromString(value));
		}
		catch (IllegalArgumentException notAUuid) {
			return null;
		}
	}

}
