package com.gemetrics.loadtest.fuzz;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.gemetrics.loadtest.fuzz.FuzzRequest.App;

/**
 * The fuzzer against a system that is already running on loopback:
 * {@code --command-url=http://127.0.0.1:18081 --query-url=http://127.0.0.1:18082
 * [--requests=10000] [--seed=N] [--threads=4] [--timeout-seconds=30]}. Without an admin
 * (its verification mail cannot be read here) the stranger stands in for the admin. It
 * prints the summary and exits 1 on any violation. {@code loadtest/fuzz.sh} runs the
 * whole thing instead, on a system of its own, with the projection check
 * ({@code HostileInputIT}).
 */
public final class FuzzMain {

	/**
	 * Operations sent without a real caller's token: they would end its session, or (an
	 * erasure with a wrong password) count against its login backoff until it cannot log
	 * in again.
	 */
	public static final Set<String> ANONYMOUS_ONLY = Set.of("COMMAND POST /api/v1/auth/logout-all",
			"COMMAND DELETE /api/v1/me");

	private FuzzMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(Map.of("requests", "10000", "threads", "4", "timeout-seconds", "30",
				"seed", Long.toString(System.nanoTime())));
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		for (String required : List.of("command-url", "query-url")) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("--" + required + "= is required");
			}
		}
		long seed = Long.parseLong(options.get("seed"));
		System.err.println("fuzz seed " + seed);
		FuzzSetup setup = new FuzzSetup(options.get("command-url"), options.get("query-url"));
		Targets targets = setup.prepare(null, null);
		HostileRequests requests = new HostileRequests(setup.operations(), targets, seed);
		FuzzRun run = new FuzzRun(requests,
				Map.of(App.COMMAND, URI.create(options.get("command-url")).getPort(), App.QUERY,
						URI.create(options.get("query-url")).getPort()),
				setup, ANONYMOUS_ONLY, Duration.ofSeconds(Long.parseLong(options.get("timeout-seconds"))));
		FuzzRun.Report report = run.run(Long.parseLong(options.get("requests")),
				Integer.parseInt(options.get("threads")));
		System.out.print(report.summary(seed));
		System.exit(report.violations().isEmpty() ? 0 : 1);
	}

}
