package com.gemetrics.loadtest.fuzz;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.gemetrics.loadtest.fuzz.FuzzRequest.App;
import com.gemetrics.loadtest.fuzz.FuzzRequest.Caller;

/**
 * Sends a run's requests from a few threads and checks every answer against the oracle:
 * no status of 500 or more, no request left without an answer, and every 4xx an RFC 9457
 * {@code application/problem+json} body with a non-blank {@code code}. The real callers'
 * tokens come from {@link Sessions}; a 401 to one of them (a token that expired, or a
 * session that an admin's role change or a {@code logout-all} ended) renews it, so the
 * run keeps reaching behind authentication.
 */
public final class FuzzRun {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The tokens of the run's real callers. */
	public interface Sessions {

		/** The current access token of {@code caller} (owner, stranger or admin). */
		String token(Caller caller);

		/** Logs {@code caller} in again, unless its token changed since {@code stale}. */
		void renew(Caller caller, String stale);

	}

	private final HostileRequests requests;

	private final Map<App, Integer> ports;

	private final Sessions sessions;

	private final Set<String> anonymousOnly;

	private final RawHttp http;

	/**
	 * @param requests the generator
	 * @param ports each app's loopback port
	 * @param sessions the real callers' tokens
	 * @param anonymousOnly operations sent without a real caller's token, because they
	 * would end its session ({@code COMMAND POST /api/v1/auth/logout-all})
	 * @param timeout how long one request may take to be answered
	 */
	public FuzzRun(HostileRequests requests, Map<App, Integer> ports, Sessions sessions, Set<String> anonymousOnly,
			Duration timeout) {
		this.requests = requests;
		this.ports = Map.copyOf(ports);
		this.sessions = sessions;
		this.anonymousOnly = Set.copyOf(anonymousOnly);
		this.http = new RawHttp(timeout);
	}

	/** Sends requests {@code 0 .. count-1} from {@code threads} threads. */
	public Report run(long count, int threads) throws InterruptedException {
		Report report = new Report();
		AtomicLong next = new AtomicLong();
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						send(this.requests.request(i), report);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("a fuzzing thread failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
			pool.awaitTermination(10, TimeUnit.SECONDS);
		}
		report.duration = Duration.ofNanos(System.nanoTime() - started);
		return report;
	}

	private void send(FuzzRequest generated, Report report) {
		FuzzRequest request = generated;
		String token = null;
		boolean realCaller = request.caller() == Caller.OWNER || request.caller() == Caller.STRANGER
				|| request.caller() == Caller.ADMIN;
		if (realCaller && this.anonymousOnly.contains(request.operation())) {
			request = new FuzzRequest(request.index(), request.operation(), request.app(), request.method(),
					request.target(), request.headers(), request.body(), Caller.ANONYMOUS, request.mutation());
			realCaller = false;
		}
		if (realCaller) {
			token = this.sessions.token(request.caller());
			List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
			headers.add(Map.entry("Authorization", "Bearer " + token));
			request = new FuzzRequest(request.index(), request.operation(), request.app(), request.method(),
					request.target(), List.copyOf(headers), request.body(), request.caller(), request.mutation());
		}
		RawHttp.Response response;
		try {
			response = this.http.send(this.ports.get(request.app()), request);
		}
		catch (IOException ex) {
			report.record(request, -1, "no answer: " + ex);
			return;
		}
		report.record(request, response.status(), violation(response, "HEAD".equals(request.method())));
		if (realCaller && response.status() == 401) {
			report.renewal();
			this.sessions.renew(request.caller(), token);
		}
	}

	/**
	 * What is wrong with the answer, or {@code null}. An answer to {@code HEAD} has no
	 * body to check.
	 */
	static String violation(RawHttp.Response response, boolean head) {
		int status = response.status();
		if (status >= 500) {
			return "status " + status;
		}
		if (status < 400) {
			return null;
		}
		String contentType = response.header("content-type");
		if (contentType == null
				|| !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json")) {
			return status + " with Content-Type " + contentType;
		}
		if (head) {
			return null;
		}
		try {
			JsonNode problem = JSON.readTree(response.body());
			if (problem == null || !problem.isObject() || !problem.path("code").isTextual()
					|| problem.path("code").asText().isBlank()) {
				return status + " problem without a code";
			}
			return null;
		}
		catch (IOException ex) {
			return status + " problem+json that is not JSON";
		}
	}

	/** The run's figures and every violation. */
	public static final class Report {

		private final Map<String, long[]> perEndpoint = new TreeMap<>();

		private final Map<String, long[]> perKind = new TreeMap<>();

		private final Map<String, long[]> perCaller = new TreeMap<>();

		private final long[] total = new long[CLASSES.size()];

		private final List<Violation> violations = new ArrayList<>();

		private long renewals;

		private Duration duration = Duration.ZERO;

		/** Status classes, in the order of the counts. */
		public static final List<String> CLASSES = List.of("1xx", "2xx", "3xx", "4xx", "5xx", "none");

		synchronized void record(FuzzRequest request, int status, String violation) {
			int slot = (status < 0) ? 5 : Math.max(0, Math.min(4, status / 100 - 1));
			this.total[slot]++;
			this.perEndpoint.computeIfAbsent(request.operation(), (k) -> new long[CLASSES.size()])[slot]++;
			this.perKind.computeIfAbsent(request.mutation().split(":")[0], (k) -> new long[CLASSES.size()])[slot]++;
			this.perCaller.computeIfAbsent(request.caller().name(), (k) -> new long[CLASSES.size()])[slot]++;
			if (violation != null) {
				this.violations.add(new Violation(request.index(), request.operation(), request.method(),
						HostileRequests.abbreviate(request.target()), request.caller(), request.mutation(), status,
						violation, request.bodySnippet(200)));
			}
		}

		synchronized void renewal() {
			this.renewals++;
		}

		public synchronized long requests() {
			long sum = 0;
			for (long count : this.total) {
				sum += count;
			}
			return sum;
		}

		public synchronized long count(String statusClass) {
			return this.total[CLASSES.indexOf(statusClass)];
		}

		public synchronized List<Violation> violations() {
			return List.copyOf(this.violations);
		}

		public synchronized Map<String, long[]> perEndpoint() {
			return Map.copyOf(this.perEndpoint);
		}

		public Duration duration() {
			return this.duration;
		}

		/**
		 * A plain-text summary: totals per status class, per endpoint, per kind, per
		 * caller.
		 */
		public synchronized String summary(long seed) {
			StringBuilder out = new StringBuilder();
			out.append(String.format("fuzz seed %d: %d requests in %.1f s (%.0f/s), %d violations, %d token renewals%n",
					seed, requests(), this.duration.toMillis() / 1000.0,
					requests() / Math.max(0.001, this.duration.toMillis() / 1000.0), this.violations.size(),
					this.renewals));
			out.append(row("status class", this.total));
			table(out, "endpoint", this.perEndpoint);
			table(out, "kind", this.perKind);
			table(out, "caller", this.perCaller);
			int shown = 0;
			for (Violation violation : this.violations) {
				if (shown++ == 50) {
					out.append(String.format("... and %d more violations%n", this.violations.size() - 50));
					break;
				}
				out.append("VIOLATION ").append(violation).append(System.lineSeparator());
			}
			return out.toString();
		}

		private static void table(StringBuilder out, String title, Map<String, long[]> rows) {
			out.append(String.format("%n%-58s %6s %6s %6s %6s %6s %6s%n", title, "1xx", "2xx", "3xx", "4xx", "5xx",
					"none"));
			rows.forEach((name, counts) -> out.append(row(name, counts)));
		}

		private static String row(String name, long[] counts) {
			return String.format("%-58s %6d %6d %6d %6d %6d %6d%n", name, counts[0], counts[1], counts[2], counts[3],
					counts[4], counts[5]);
		}

	}

	/**
	 * An answer that broke the oracle.
	 *
	 * @param index the request's number (with the seed, it reproduces the request)
	 * @param operation the operation aimed at
	 * @param method the method sent
	 * @param target the target sent (abbreviated)
	 * @param caller whose credentials
	 * @param mutation what was hostile
	 * @param status the answer's status, -1 without one
	 * @param problem what was wrong
	 * @param body the start of the request body
	 */
	public record Violation(long index, String operation, String method, String target, Caller caller, String mutation,
			int status, String problem, String body) {

		@Override
		public String toString() {
			return String.format("#%d %s | sent %s %s as %s | %s | answer %d: %s | body %s", this.index, this.operation,
					this.method, this.target, this.caller, this.mutation, this.status, this.problem, this.body);
		}

	}

}
