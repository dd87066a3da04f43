package com.gemetrics.command.axon;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.MDC;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is at work on the current thread, for the {@value EventMetadata#ACTOR} of the
 * messages it dispatches: a job or processor named with {@link #runAs} / {@link #callAs}
 * (innermost wins), else the user of the request's access token, else
 * {@value EventMetadata#ANONYMOUS} inside an HTTP request without one. Event processors
 * are named for every event they handle ({@link EventMetadataConfig}); scheduled jobs
 * name themselves where they dispatch, because their work may run on another thread than
 * the scheduler's.
 */
public final class Actors {

	/** The key the request tracing filter puts the request id under (platform-web). */
	static final String REQUEST_ID_MDC_KEY = "request.id";

	private static final Pattern JOB = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final ThreadLocal<Deque<String>> JOBS = ThreadLocal.withInitial(ArrayDeque::new);

	private Actors() {
	}

	/** Runs {@code work} as {@code system:<job>} on this thread. */
	public static void runAs(String job, Runnable work) {
		callAs(job, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Runs {@code work} as {@code system:<job>} on this thread and answers its result.
	 */
	public static <T> T callAs(String job, Supplier<T> work) {
		Deque<String> jobs = JOBS.get();
		jobs.push(system(job));
		try {
			return work.get();
		}
		finally {
			jobs.pop();
			if (jobs.isEmpty()) {
				JOBS.remove();
			}
		}
	}

	/** {@code system:<job>}; a job name is 1-63 of lower-case letters, digits and '-'. */
	static String system(String job) {
		if (job == null || !JOB.matcher(job).matches()) {
			throw new IllegalArgumentException("not a job name: " + job);
		}
		return "system:" + job;
	}

	/** The actor of this thread, if it has one. */
	static Optional<String> current() {
		String job = JOBS.get().peek();
		if (job != null) {
			return Optional.of(job);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
			return Optional.of(token.getName());
		}
		if (requestId().isPresent()
				&& (authentication == null || authentication instanceof AnonymousAuthenticationToken)) {
			return Optional.of(EventMetadata.ANONYMOUS);
		}
		return Optional.empty();
	}

	/** The id of the HTTP request this thread serves, if any. */
	static Optional<String> requestId() {
		return Optional.ofNullable(MDC.get(REQUEST_ID_MDC_KEY));
	}

}
