package com.gemetrics.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The one step every payload shown to auditors passes through, after upcasting and before
 * it is written to a page or an export. Today it shows the payload as upcast. This is
 * where personal data encrypted per user (crypto-shredding, issue 10) is to be revealed,
 * or replaced by {@code "erased"} once the user's key is gone: list, export and any later
 * audit endpoint then all show the same.
 */
@Component
class AuditPayloads {

	/**
	 * The payload as auditors see it.
	 * @param payloadType the payload's type after upcasting
	 * @param revision its revision after upcasting
	 * @param payload the upcast payload
	 */
	JsonNode view(String payloadType, String revision, JsonNode payload) {
		return payload;
	}

}
