package com.gemetrics.loadtest.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench.sh journal}: the trading journal's write path and read-your-writes delay,
 * against a running system on loopback, in one run at one concurrency.
 * <ol>
 * <li>Registers and logs in one user per client, plus one for the visibility probe.</li>
 * <li>Idle visibility: {@code --idle-samples} flips opened one after another by the
 * probe; for each, the time from the command side's 201 to the query side's first 200 on
 * {@code GET /api/v1/flips/{id}} ({@link Visibility}).</li>
 * <li>API writes: {@code --clients} threads, each with its own user's token, open flips
 * ({@code POST /api/v1/flips}) for {@code --warmup} seconds (not counted), then until
 * {@code --flips} have been attempted or {@code --duration} seconds have passed.
 * Meanwhile the probe keeps measuring visibility: the figures under load.</li>
 * <li>Raw reference: the same number of threads insert the same event rows into
 * {@code domain_event_entry} with plain JDBC, one commit each ({@link RawEventInserts}),
 * with the same warm-up and bounds.</li>
 * </ol>
 * Results go to standard output as {@code key value} lines ({@code ratio flip_write},
 * {@code visible_ms idle|load p50|p99}, ...); progress to standard error. Exit status 1
 * when a figure is missing.
 */
public final class JournalBench {

	private static final String PASSWORD = "bench password, long enough to pass the policy";

	private final Map<String, String> options;

	private JournalBench(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(Map.of("user", "postgres", "password", "", "clients", "32", "flips",
				"20000", "duration", "20", "warmup", "5", "item-id", "4151", "idle-samples", "100", "load-samples",
				"2000", "poll-ms", "2"));
		options.putAll(Map.of("visible-timeout-ms", "5000", "visible-mode", "poll", "raw-payload-type", "bench"));
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		for (String required : List.of("command-url", "query-url", "jdbc-url")) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("--" + required + "= is required");
			}
		}
		System.exit(new JournalBench(options).run() ? 0 : 1);
	}

	private boolean run() throws Exception {
		int clients = integer("clients");
		long flips = Long.parseLong(this.options.get("flips"));
		Duration duration = Duration.ofSeconds(integer("duration"));
		Duration warmup = Duration.ofSeconds(integer("warmup"));
		int itemId = integer("item-id");
		JournalApi api = new JournalApi(this.options.get("command-url"), this.options.get("query-url"));
		JournalApi probeApi = new JournalApi(this.options.get("command-url"), this.options.get("query-url"));

		progress("registering and logging in %d users", clients + 1);
		List<String> tokens = api.registerAndLogInMany("bench", PASSWORD, clients + 1);
		String probeToken = tokens.get(clients);
		JournalApi.Opened first = api.openFlip(probeToken, itemId, 1, 100);
		if (!first.created()) {
			progress("POST /api/v1/flips answered %d for item %d; stopping", first.status(), itemId);
			return false;
		}
		progress("POST /api/v1/flips answers 201%s", (first.consistencyToken() != null) ? " with a consistency token"
				: " (no consistency token: polling without one)");

		Visibility probe = new Visibility(probeApi, probeToken, itemId, integer("poll-ms"),
				integer("visible-timeout-ms"), "token".equals(this.options.get("visible-mode")));
		progress("idle visibility: %s flips one after another", this.options.get("idle-samples"));
		List<Long> idle = new ArrayList<>();
		int timeouts = 0;
		for (int i = 0; i < integer("idle-samples"); i++) {
			long delay = probe.sample();
			if (delay >= 0) {
				idle.add(delay);
			}
			if (delay == Long.MAX_VALUE) {
				timeouts++;
				if (idle.size() == 1) {
					break; // the very first flip never became visible: no point in
							// waiting 100 times
				}
			}
		}
		boolean visible = timeouts < idle.size() || idle.isEmpty();
		if (!visible) {
			progress("GET /api/v1/flips/{id} never answered 200 within %s ms: is the query side's flips view "
					+ "deployed? Visibility is not measured.", this.options.get("visible-timeout-ms"));
		}

		progress("API writes: %d clients, %ss warm-up", clients, warmup.toSeconds());
		LoadRun.run(clients, Long.MAX_VALUE, warmup,
				(i) -> () -> api.openFlip(tokens.get(i), itemId, 1, 100).created());
		progress("API writes: %d clients, up to %d flips or %ss, visibility probed meanwhile", clients, flips,
				duration.toSeconds());
		List<Long> underLoad = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean loading = new AtomicBoolean(true);
		ExecutorService probing = Executors.newSingleThreadExecutor();
		Future<?> probed = probing.submit(() -> {
			while (visible && loading.get() && underLoad.size() < integer("load-samples")) {
				long delay = probe.sample();
				if (delay >= 0) {
					underLoad.add(delay);
				}
			}
			return null;
		});
		LoadRun.Result apiRun;
		try {
			apiRun = LoadRun.run(clients, flips, duration,
					(i) -> () -> api.openFlip(tokens.get(i), itemId, 1, 100).created());
		}
		finally {
			loading.set(false);
			probed.get();
			probing.shutdown();
		}
		report("api", apiRun, clients);

		boolean markType = !"real".equals(this.options.get("raw-payload-type"));
		RawEventInserts raw = RawEventInserts.fromLatestFlip(this.options.get("jdbc-url"), this.options.get("user"),
				this.options.get("password"), markType);
		progress("raw JDBC inserts: %d threads, payload %d bytes as %s; %ss warm-up", clients,
				raw.template().payload().length(), raw.template().payloadType(), warmup.toSeconds());
		LoadRun.run(clients, Long.MAX_VALUE, warmup, (i) -> raw.worker());
		LoadRun.Result rawRun = LoadRun.run(clients, flips, duration, (i) -> raw.worker());
		report("raw", rawRun, clients);

		boolean complete = apiRun.failed() == 0 && rawRun.failed() == 0 && rawRun.succeeded() > 0;
		String ratio = complete ? String.format(Locale.ROOT, "%.2f", apiRun.perSecond() / rawRun.perSecond()) : "n/a";
		Percentiles idlePercentiles = new Percentiles(visible ? idle : List.of());
		Percentiles loadPercentiles = new Percentiles(underLoad);
		result("visible_samples idle %d load %d (timeouts after %s ms: idle %d, load %d)", idlePercentiles.count(),
				loadPercentiles.count(), this.options.get("visible-timeout-ms"), timeouts,
				underLoad.stream().filter((d) -> d == Long.MAX_VALUE).count());
		result("ratio flip_write %s", ratio);
		result("visible_ms idle p50 %s", idlePercentiles.millis(50));
		result("visible_ms idle p99 %s", idlePercentiles.millis(99));
		result("visible_ms load p50 %s", loadPercentiles.millis(50));
		result("visible_ms load p99 %s", loadPercentiles.millis(99));
		result("visible_ms p50 %s", loadPercentiles.millis(50));
		result("visible_ms p99 %s", loadPercentiles.millis(99));
		return complete && idlePercentiles.count() > 0 && loadPercentiles.count() > 0;
	}

	private static void report(String name, LoadRun.Result run, int clients) {
		result("flip_write %s %.1f per_s (%d ok, %d failed, %.1f s, %d clients)%s", name, run.perSecond(),
				run.succeeded(), run.failed(), run.elapsed().toMillis() / 1000.0, clients,
				(run.firstError() != null) ? "; first error: " + run.firstError() : "");
	}

	private int integer(String name) {
		return Integer.parseInt(this.options.get(name));
	}

	private static void result(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
	}

	private static void progress(String format, Object... args) {
		System.err.println("[journal] " + String.format(Locale.ROOT, format, args));
	}

}
