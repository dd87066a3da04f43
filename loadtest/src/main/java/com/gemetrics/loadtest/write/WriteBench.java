package com.gemetrics.loadtest.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.gemetrics.loadtest.journal.JournalApi;
import com.gemetrics.loadtest.journal.LoadRun;
import com.gemetrics.loadtest.journal.Percentiles;

/**
 * {@code bench.sh write}: {@code POST /api/v1/flips} through the whole system against a
 * plain Spring MVC + JdbcTemplate endpoint ({@link CrudBaseline}) taking the same JSON,
 * in one run, with the same load generator and settings.
 * <ol>
 * <li>Registers and logs in {@code --users} users on the command side (through
 * {@link JournalApi}, as {@code bench.sh journal} does).</li>
 * <li>For each target, the command side first and then the baseline:
 * {@code --connections} threads, each with its own HTTP connection and the bearer token
 * of user {@code thread mod users}, post flips for {@code --warmup} seconds (not
 * counted), then for {@code --duration} seconds, every request's latency recorded. Around
 * the measured run it reads the CPU time (utime + stime, {@code /proc/<pid>/stat}) of the
 * command side, the query side, PostgreSQL (the postmaster, its children and its reaped
 * children) and the baseline.</li>
 * <li>After the command side's run: the projection lag, from the end of the load until
 * {@code GET /api/v1/flips/{id}} on the query side answers 200 for each thread's last
 * flip.</li>
 * </ol>
 * Results go to standard output as {@code key value} lines; progress to standard error.
 * Exit status 1 when a figure is missing.
 */
public final class WriteBench {

	private static final String PASSWORD = "bench password, long enough to pass the policy";

	private final Map<String, String> options;

	private WriteBench(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(Map.of("connections", "16", "users", "8", "duration", "15",
				"warmup", "5", "item-id", "4151", "clock-ticks", "100", "lag-timeout-ms", "30000"));
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		for (String required : List.of("command-url", "query-url", "baseline-url")) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("--" + required + "= is required");
			}
		}
		System.exit(new WriteBench(options).run() ? 0 : 1);
	}

	private boolean run() throws Exception {
		int connections = integer("connections");
		int itemId = integer("item-id");
		String commandUrl = this.options.get("command-url");
		String queryUrl = this.options.get("query-url");
		progress("registering and logging in %d users", integer("users"));
		List<String> tokens = new JournalApi(commandUrl, queryUrl).registerAndLogInMany("bench-write", PASSWORD,
				integer("users"));
		JournalApi.Opened first = new JournalApi(commandUrl, queryUrl).openFlip(tokens.get(0), itemId, 1, 100);
		if (!first.created()) {
			progress("POST /api/v1/flips answered %d for item %d; stopping", first.status(), itemId);
			return false;
		}
		Map<String, Long> processes = processes();
		progress("processes measured: %s", processes);

		Measured flip = measure("flip", commandUrl, queryUrl, tokens, itemId, processes);
		long lagNanos = projectionLag(queryUrl, tokens, flip);
		Measured crud = measure("crud", this.options.get("baseline-url"), null, tokens, itemId, processes);

		String ratio = (flip.run.failed() == 0 && crud.run.failed() == 0 && crud.run.perSecond() > 0)
				? String.format(Locale.ROOT, "%.2f", flip.run.perSecond() / crud.run.perSecond()) : "n/a";
		result("");
		for (Measured measured : List.of(flip, crud)) {
			result("write %s %.1f per_s (%d ok, %d failed, %.1f s, %d connections) p50 %s ms p99 %s ms%s",
					measured.name, measured.run.perSecond(), measured.run.succeeded(), measured.run.failed(),
					measured.run.elapsed().toMillis() / 1000.0, connections, measured.latency.millis(50),
					measured.latency.millis(99),
					(measured.run.firstError() != null) ? "; first error: " + measured.run.firstError() : "");
		}
		for (Measured measured : List.of(flip, crud)) {
			StringBuilder line = new StringBuilder("cpu_s_per_1000_writes " + measured.name);
			measured.cpuSeconds.forEach((process, seconds) -> line.append(String.format(Locale.ROOT, " %s %.2f",
					process, seconds * 1000.0 / Math.max(1, measured.run.succeeded()))));
			result("%s", line);
		}
		result("projection_lag_ms %s", (lagNanos < 0) ? "timeout" : String.format(Locale.ROOT, "%.0f", lagNanos / 1e6));
		result("ratio flip_write_vs_crud %s", ratio);
		return !"n/a".equals(ratio) && lagNanos >= 0;
	}

	private Measured measure(String name, String url, String queryUrl, List<String> tokens, int itemId,
			Map<String, Long> processes) throws Exception {
		int connections = integer("connections");
		progress("%s: %d connections, %ss warm-up against %s", name, connections, this.options.get("warmup"), url);
		LoadRun.run(connections, Long.MAX_VALUE, Duration.ofSeconds(integer("warmup")), (i) -> {
			JournalApi api = new JournalApi(url, queryUrl);
			return () -> api.openFlip(tokens.get(i % tokens.size()), itemId, 1, 100).created();
		});
		List<List<Long>> latencies = new ArrayList<>();
		String[] lastFlip = new String[connections];
		for (int i = 0; i < connections; i++) {
			latencies.add(new ArrayList<>());
		}
		progress("%s: %ss measured", name, this.options.get("duration"));
		jfr("start", name);
		Map<String, Long> before = cpuTicks(processes);
		LoadRun.Result run = LoadRun.run(connections, Long.MAX_VALUE, Duration.ofSeconds(integer("duration")), (i) -> {
			JournalApi api = new JournalApi(url, queryUrl);
			return () -> {
				long start = System.nanoTime();
				JournalApi.Opened opened = api.openFlip(tokens.get(i % tokens.size()), itemId, 1, 100);
				latencies.get(i).add(System.nanoTime() - start);
				if (opened.created()) {
					lastFlip[i] = opened.flipId();
				}
				return opened.created();
			};
		});
		long ended = System.nanoTime();
		Map<String, Long> after = cpuTicks(processes);
		jfr("stop", name);
		Map<String, Double> cpu = new LinkedHashMap<>();
		before.forEach((process, ticks) -> cpu.put(process,
				(after.getOrDefault(process, ticks) - ticks) / (double) integer("clock-ticks")));
		List<Long> all = new ArrayList<>();
		latencies.forEach(all::addAll);
		return new Measured(name, run, new Percentiles(all), cpu, lastFlip, ended);
	}

	/** From the end of the load until the query side shows every thread's last flip. */
	private long projectionLag(String queryUrl, List<String> tokens, Measured flip) throws Exception {
		JournalApi api = new JournalApi(this.options.get("command-url"), queryUrl);
		long deadline = flip.endedAt + integer("lag-timeout-ms") * 1_000_000L;
		for (int i = 0; i < flip.lastFlip.length; i++) {
			String id = flip.lastFlip[i];
			if (id == null) {
				continue;
			}
			while (api.getFlip(tokens.get(i % tokens.size()), id, null) != 200) {
				if (System.nanoTime() > deadline) {
					return -1;
				}
				Thread.sleep(2);
			}
		}
		return System.nanoTime() - flip.endedAt;
	}

	/**
	 * The processes whose CPU time is reported, by name: those given as --*-pid, and this
	 * one.
	 */
	private Map<String, Long> processes() {
		Map<String, Long> processes = new LinkedHashMap<>();
		for (String name : List.of("command", "query", "postgres", "baseline")) {
			String pid = this.options.get(name + "-pid");
			if (pid != null && !pid.isBlank()) {
				processes.put(name, Long.parseLong(pid.trim()));
			}
		}
		// The load generator itself (this JVM) shares the cores with them.
		processes.put("loadgen", ProcessHandle.current().pid());
		return processes;
	}

	/**
	 * utime + stime of each process in clock ticks; PostgreSQL's is the postmaster's own,
	 * its reaped children's (cutime + cstime) and its live descendants'.
	 */
	private static Map<String, Long> cpuTicks(Map<String, Long> processes) throws IOException {
		Map<String, Long> ticks = new LinkedHashMap<>();
		for (Map.Entry<String, Long> process : processes.entrySet()) {
			long[] own = stat(process.getValue()).orElseThrow(
					() -> new IOException("process " + process.getKey() + " (" + process.getValue() + ") is gone"));
			long sum = own[0] + own[1];
			if ("postgres".equals(process.getKey())) {
				sum += own[2] + own[3];
				for (ProcessHandle child : ProcessHandle.of(process.getValue())
					.map((handle) -> handle.descendants().toList())
					.orElse(List.of())) {
					Optional<long[]> times = stat(child.pid());
					if (times.isPresent()) {
						sum += times.get()[0] + times.get()[1];
					}
				}
			}
			ticks.put(process.getKey(), sum);
		}
		return ticks;
	}

	/** utime, stime, cutime, cstime of a process, if it is still there. */
	private static Optional<long[]> stat(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16,
			// cstime 17
			return Optional.of(new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]),
					Long.parseLong(fields[13]), Long.parseLong(fields[14]) });
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * With {@code --jfr-dir}: a flight recording of the command and query sides during
	 * the measured flip run ({@code jcmd JFR.start}, then {@code JFR.stop} to {@code
	 *
	<dir>
	 * /<process>.jfr}).
	 */
	private void jfr(String action, String run) throws Exception {
		String dir = this.options.get("jfr-dir");
		if (dir == null || dir.isBlank() || !"flip".equals(run)) {
			return;
		}
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		for (Map.Entry<String, Long> process : processes().entrySet()) {
			if (!List.of("command", "query").contains(process.getKey())) {
				continue;
			}
			List<String> command = new ArrayList<>(List.of(jcmd, Long.toString(process.getValue())));
			if ("start".equals(action)) {
				command.addAll(List.of("JFR.start", "name=bench-write", "settings=profile"));
			}
			else {
				command.addAll(List.of("JFR.stop", "name=bench-write",
						"filename=" + Path.of(dir, process.getKey() + ".jfr").toAbsolutePath()));
			}
			Process jcmdProcess = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(jcmdProcess.getInputStream().readAllBytes());
			if (jcmdProcess.waitFor() != 0) {
				progress("jcmd %s failed: %s", command, output.strip());
			}
		}
	}

	private int integer(String name) {
		return Integer.parseInt(this.options.get(name));
	}

	private static void result(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
	}

	private static void progress(String format, Object... args) {
		System.err.println("[write] " + String.format(Locale.ROOT, format, args));
	}

	private record Measured(String name, LoadRun.Result run, Percentiles latency, Map<String, Double> cpuSeconds,
			String[] lastFlip, long endedAt) {
	}

}
