package com.gemetrics.loadtest.replay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;

/**
 * {@code bench.sh replay}, the parts that talk to the database (the script starts and
 * stops the processes):
 * <ul>
 * <li>{@code generate}: migrates a fresh database with the project's Flyway migrations
 * and writes a generated history ({@link HistoryGenerator});</li>
 * <li>{@code await}: while the query side rebuilds every projection from that history,
 * watches {@code token_entry} and prints {@code replay events_per_s} once every listed
 * processor's lowest segment has reached the head (timed from the first token
 * written);</li>
 * <li>{@code baseline}: the raw JDBC reference ({@link JdbcBaseline}), printing its
 * rate.</li>
 * </ul>
 * Arguments are {@code --name=value}; figures go to standard output, one per line.
 */
public final class ReplayBench {

	private ReplayBench() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		String url = required(options, "jdbc-url");
		String user = options.getOrDefault("user", "postgres");
		String password = options.getOrDefault("password", "");
		switch ((args.length > 0) ? args[0] : "") {
			case "generate" -> generate(url, user, password, Long.parseLong(options.getOrDefault("events", "1000000")));
			case "await" -> await(url, user, password,
					List.of(options
						.getOrDefault("processors", "items,price-history,users,watchlist,subscriptions,journal")
						.split(",")),
					Long.parseLong(options.getOrDefault("timeout", "1800")));
			case "baseline" -> baseline(url, user, password);
			default -> throw new IllegalArgumentException("usage: generate|await|baseline --jdbc-url=... [--events=]");
		}
	}

	private static void generate(String url, String user, String password, long events) throws Exception {
		Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
		long started = System.nanoTime();
		Map<String, Integer> counts;
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			counts = new HistoryGenerator(Long.parseLong(System.getProperty("bench.seed", "42"))).generate(connection,
					events);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long total = counts.values().stream().mapToLong(Integer::longValue).sum();
		System.out.printf("generated %d events in %.1f s%n", total, seconds);
		new TreeMap<>(counts)
			.forEach((type, n) -> System.out.printf("  %-32s %9d  %5.1f %%%n", type, n, n * 100.0 / total));
	}

	private static void await(String url, String user, String password, List<String> processors, long timeoutSeconds)
			throws Exception {
		ObjectMapper json = new ObjectMapper();
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			long head = head(connection);
			long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
			long first = 0;
			long lastReport = 0;
			while (System.nanoTime() < deadline) {
				Map<String, Long> positions = positions(connection, json);
				long now = System.nanoTime();
				if (first == 0 && !positions.isEmpty()) {
					first = now;
				}
				boolean done = processors.stream().allMatch((p) -> positions.getOrDefault(p, -1L) >= head);
				if (done) {
					double seconds = (now - first) / 1e9;
					System.out.printf("replay events %d processors %d seconds %.1f%n", head, processors.size(),
							seconds);
					System.out.printf("replay events_per_s %.0f%n", head / seconds);
					return;
				}
				if (first != 0 && now - lastReport > 10_000_000_000L) {
					lastReport = now;
					System.err.printf("[replay] %.0f s: %s of head %d%n", (now - first) / 1e9, positions, head);
				}
				Thread.sleep(100);
			}
			System.out.println("replay events_per_s n/a (timed out)");
			System.exit(1);
		}
	}

	private static void baseline(String url, String user, String password) throws Exception {
		try (Connection read = DriverManager.getConnection(url, user, password);
				Connection write = DriverManager.getConnection(url, user, password)) {
			long started = System.nanoTime();
			long events = new JdbcBaseline().run(read, write);
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("baseline events %d seconds %.1f%n", events, seconds);
			System.out.printf("baseline events_per_s %.0f%n", events / seconds);
		}
	}

	private static long head(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT max(global_index) FROM domain_event_entry");
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * The lowest position of each processor's segments (a segment with no token yet: 0).
	 */
	private static Map<String, Long> positions(Connection connection, ObjectMapper json) throws Exception {
		Map<String, Long> positions = new TreeMap<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT processor_name, token FROM token_entry");
				ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				byte[] token = rs.getBytes(2);
				long position = (token != null) ? index(json.readTree(token)) : 0;
				positions.merge(rs.getString(1), position, Math::min);
			}
		}
		return positions;
	}

	private static long index(JsonNode token) {
		if (token.has("index")) {
			return token.get("index").asLong();
		}
		if (token.has("currentToken")) {
			return index(token.get("currentToken"));
		}
		if (token.has("globalIndex")) {
			return token.get("globalIndex").asLong();
		}
		return 0;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + "= is required");
		}
		return value;
	}

}
