package com.gemetrics.command.axon;

/**
 * The metadata keys every event written by the command side carries (docs/events.md,
 * "Metadata"). Set by {@link EventMetadataConfig} on every command and event, whatever
 * path dispatched it.
 */
public final class EventMetadata {

	/** Who caused it: a user id, {@code anonymous}, or {@code system:<job>}. */
	public static final String ACTOR = "actor";

	/** The {@code X-Request-Id} of the HTTP request at the root of the chain, if any. */
	public static final String REQUEST_ID = "requestId";

	/** The id of the first message of the chain (Axon's trace id, named as in Axon 5). */
	public static final String CORRELATION_ID = "correlationId";

	/** The id of the message whose handling produced this one. */
	public static final String CAUSATION_ID = "causationId";

	/** The version of the command side that wrote it (Maven project version). */
	public static final String APP_VERSION = "appVersion";

	/** The actor of work no user, job or processor can be named for. */
	public static final String UNKNOWN_ACTOR = "system:unknown";

	/** The actor of an HTTP request without an access token (register, login, ...). */
	public static final String ANONYMOUS = "anonymous";

	private EventMetadata() {
	}

}
