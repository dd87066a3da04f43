package com.gemetrics.loadtest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One hostile request, as it goes on the wire.
 *
 * @param index its number in the run: with the run's seed it reproduces the request
 * @param operation the OpenAPI operation it aims at ({@code app METHOD /path/{template}})
 * @param app which app it goes to
 * @param method the request method, sent as it is
 * @param target the request target (path and query), already encoded as it is sent
 * @param headers extra headers in order ({@code Host} and {@code Connection} are added)
 * @param body the body, or {@code null}
 * @param caller whose credentials it carries
 * @param mutation what is hostile about it, for the report
 */
public record FuzzRequest(long index, String operation, App app, String method, String target,
		List<Map.Entry<String, String>> headers, byte[] body, Caller caller, String mutation) {

	/** The two apps under test. */
	public enum App {

		COMMAND, QUERY

	}

	/** Whose credentials a request carries. */
	public enum Caller {

		/** No {@code Authorization} header. */
		ANONYMOUS,
		/** The owner of the flips, rules and watched items the ids point at. */
		OWNER,
		/** Another user, sending the owner's ids. */
		STRANGER,
		/** A verified admin. */
		ADMIN,
		/** A forged, tampered or malformed credential. */
		FORGED

	}

	/** The start of the body for the report, control characters escaped. */
	public String bodySnippet(int max) {
		if (this.body == null) {
			return "";
		}
		String text = new String(this.body, 0, Math.min(this.body.length, max), StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			out.append((c < 0x20 || c == 0x7f) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
		}
		return out + ((this.body.length > max) ? "... (" + this.body.length + " bytes)" : "");
	}

}
