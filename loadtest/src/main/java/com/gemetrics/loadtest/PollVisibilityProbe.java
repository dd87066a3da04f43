package com.gemetrics.loadtest;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * G6 of the market benchmark: how long after a {@code /latest} poll its prices are
 * visible. For each of {@code --samples} polls (the poller's own schedule, at most one a
 * minute) it measures from the {@code LatestPricesObservedEvent}'s timestamp in
 * {@code domain_event_entry} to
 * <ul>
 * <li>the moment the query side's Redis list ETag ({@code --redis-etag-key}) changes to a
 * list that carries the poll's prices (the headline figure), and</li>
 * <li>the moment {@code GET /api/v1/items} answers with a new ETag carrying them.</li>
 * </ul>
 * It also reports the time from the stub's answer to {@code /latest} to the Redis change,
 * which includes the poller's own work. A change is matched to a poll by a sentinel item
 * whose price the poll carries, so volume or catalogue updates in between are not
 * counted.
 * <p>
 * A command-line tool: results go to standard output, one {@code g6 ...} line per sample
 * and summary lines {@code poll_visible_ms p50 <ms>} and
 * {@code poll_visible_ms p99 <ms>}.
 */
public final class PollVisibilityProbe {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String EVENT_TYPE = "%LatestPricesObservedEvent";

	private final Map<String, String> options;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Change> redisChanges = new CopyOnWriteArrayList<>();

	private final List<Change> httpChanges = new CopyOnWriteArrayList<>();

	private PollVisibilityProbe(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(
				Map.of("user", "postgres", "password", "", "samples", "5", "timeout-per-sample", "150",
						"redis-etag-key", "ge:items:etag", "redis-list-key", "ge:items:list.json.gz"));
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		for (String required : List.of("jdbc-url", "query-url", "redis-host", "redis-port")) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("missing --" + required);
			}
		}
		System.exit(new PollVisibilityProbe(options).run());
	}

	private int run() throws Exception {
		int samples = Integer.parseInt(this.options.get("samples"));
		Duration perSample = Duration.ofSeconds(Long.parseLong(this.options.get("timeout-per-sample")));
		List<Sample> results = new ArrayList<>();
		AtomicBoolean watching = new AtomicBoolean(true);
		Thread redisWatcher = new Thread(() -> watchRedis(watching, this.redisChanges), "g6-redis");
		Thread httpWatcher = new Thread(() -> watchHttp(watching, this.httpChanges), "g6-http");
		redisWatcher.setDaemon(true);
		httpWatcher.setDaemon(true);
		try (Connection db = DriverManager.getConnection(this.options.get("jdbc-url"), this.options.get("user"),
				this.options.get("password"))) {
			long lastIndex = lastEventIndex(db);
			redisWatcher.start();
			httpWatcher.start();
			for (int i = 1; i <= samples; i++) {
				Event event = awaitEvent(db, lastIndex, perSample);
				if (event == null) {
					System.out.printf("g6 sample %d: no LatestPricesObservedEvent within %d s%n", i,
							perSample.toSeconds());
					break;
				}
				lastIndex = event.globalIndex();
				Sample sample = measure(event);
				results.add(sample);
				System.out.printf("g6 sample %d: items=%d event->redis=%s ms event->http=%s ms stub->redis=%s ms%s%n",
						i, sample.items(), show(sample.eventToRedisMs()), show(sample.eventToHttpMs()),
						show(sample.stubToRedisMs()), sample.verified() ? "" : " (unverified match)");
			}
		}
		finally {
			watching.set(false);
		}
		summarize("event->redis", results.stream().map(Sample::eventToRedisMs).toList());
		summarize("event->http", results.stream().map(Sample::eventToHttpMs).toList());
		summarize("stub->redis", results.stream().map(Sample::stubToRedisMs).toList());
		List<Long> headline = results.stream().map(Sample::eventToRedisMs).filter((v) -> v != null).toList();
		String source = "event->redis";
		if (headline.isEmpty()) {
			headline = results.stream().map(Sample::eventToHttpMs).filter((v) -> v != null).toList();
			source = "event->http";
		}
		if (headline.isEmpty()) {
			System.out.println("poll_visible_ms p50 n/a");
			System.out.println("poll_visible_ms p99 n/a");
			return 1;
		}
		System.out.printf("poll_visible_source %s samples %d%n", source, headline.size());
		System.out.printf("poll_visible_ms p50 %d%n", percentile(headline, 50));
		System.out.printf("poll_visible_ms p99 %d%n", percentile(headline, 99));
		return 0;
	}

	private static Event awaitEvent(Connection db, long afterIndex, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Event event = nextEvent(db, afterIndex);
			if (event != null) {
				return event;
			}
			Thread.sleep(5);
		}
		return null;
	}

	/** Matches a poll event with the changes the watchers saw. */
	private Sample measure(Event event) throws InterruptedException {
		Long stubServedAt = stubLastServedAt();
		Change redis = awaitMatch(this.redisChanges, event, Duration.ofSeconds(20));
		Change viaHttp = awaitMatch(this.httpChanges, event, Duration.ofSeconds(5));
		long eventAt = event.timestamp().toEpochMilli();
		return new Sample(event.items(), (redis == null) ? null : redis.atMillis() - eventAt,
				(viaHttp == null) ? null : viaHttp.atMillis() - eventAt,
				(redis == null || stubServedAt == null) ? null : redis.atMillis() - stubServedAt,
				(redis == null || redis.verified()) && (viaHttp == null || viaHttp.verified()));
	}

	/**
	 * The first change whose content carries the event's sentinel price, waiting up to
	 * {@code wait}.
	 */
	private static Change awaitMatch(List<Change> changes, Event event, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			for (Change change : changes) {
				if (change.atMillis() < event.timestamp().toEpochMilli()) {
					continue;
				}
				Boolean matches = carries(change.body(), event);
				if (Boolean.TRUE.equals(matches)) {
					return change;
				}
				if (matches == null) {
					return change.unverified();
				}
			}
			if (System.nanoTime() > deadline) {
				return null;
			}
			Thread.sleep(20);
		}
	}

	/**
	 * Whether the items list {@code body} shows the sentinel's price; {@code null} when
	 * it cannot tell.
	 */
	private static Boolean carries(byte[] body, Event event) {
		if (body == null || event.sentinelId() == null) {
			return null;
		}
		try {
			JsonNode root = JSON.readTree(gunzipIfNeeded(body));
			JsonNode items = root.isArray() ? root : root.path("items");
			if (!items.isArray()) {
				return null;
			}
			for (JsonNode item : items) {
				if (item.path("id").asInt(-1) == event.sentinelId()) {
					return item.path("high").asLong(Long.MIN_VALUE) == event.sentinelHigh();
				}
			}
			return false;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void watchRedis(AtomicBoolean watching, List<Change> changes) {
		String host = this.options.get("redis-host");
		int port = Integer.parseInt(this.options.get("redis-port"));
		try (RespClient redis = new RespClient(host, port)) {
			byte[] last = redis.get(this.options.get("redis-etag-key"));
			while (watching.get()) {
				byte[] tag = redis.get(this.options.get("redis-etag-key"));
				long at = System.currentTimeMillis();
				if (tag != null && !Arrays.equals(tag, last)) {
					last = tag;
					changes.add(new Change(at, redis.get(this.options.get("redis-list-key")), true));
				}
				Thread.sleep(2);
			}
		}
		catch (IOException | InterruptedException ex) {
			System.err.println("g6: Redis watcher stopped: " + ex);
		}
	}

	private void watchHttp(AtomicBoolean watching, List<Change> changes) {
		URI uri = URI.create(this.options.get("query-url") + "/api/v1/items");
		String etag = null;
		int failures = 0;
		while (watching.get()) {
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(uri)
					.timeout(Duration.ofSeconds(5))
					.header("Accept-Encoding", "gzip");
				if (etag != null) {
					request.header("If-None-Match", etag);
				}
				HttpResponse<byte[]> response = this.http.send(request.build(),
						HttpResponse.BodyHandlers.ofByteArray());
				long at = System.currentTimeMillis();
				if (response.statusCode() == 200) {
					String tag = response.headers().firstValue("ETag").orElse(null);
					if (etag != null && (tag == null || !tag.equals(etag))) {
						changes.add(new Change(at, response.body(), true));
					}
					etag = (tag != null) ? tag : Integer.toString(Arrays.hashCode(response.body()));
					if (tag == null) {
						Thread.sleep(90);
					}
				}
				Thread.sleep(10);
			}
			catch (IOException ex) {
				if (++failures % 100 == 1) {
					System.err.println("g6: GET " + uri + " failed: " + ex);
				}
				sleepQuietly(100);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long lastEventIndex(Connection db) throws SQLException {
		try (PreparedStatement select = db.prepareStatement(
				"SELECT coalesce(max(global_index), 0) FROM domain_event_entry WHERE payload_type LIKE ?")) {
			select.setString(1, EVENT_TYPE);
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static Event nextEvent(Connection db, long afterIndex) throws SQLException, IOException {
		try (PreparedStatement select = db
			.prepareStatement("SELECT global_index, time_stamp, payload FROM domain_event_entry"
					+ " WHERE global_index > ? AND payload_type LIKE ? ORDER BY global_index LIMIT 1")) {
			select.setLong(1, afterIndex);
			select.setString(2, EVENT_TYPE);
			try (ResultSet rows = select.executeQuery()) {
				if (!rows.next()) {
					return null;
				}
				long globalIndex = rows.getLong(1);
				Instant timestamp = Instant.parse(rows.getString(2));
				JsonNode prices = JSON.readTree(rows.getBytes(3)).path("prices");
				Integer sentinelId = null;
				long sentinelHigh = 0;
				for (JsonNode quote : prices) {
					if (quote.hasNonNull("high")) {
						sentinelId = quote.path("itemId").asInt();
						sentinelHigh = quote.path("high").asLong();
						break;
					}
				}
				return new Event(globalIndex, timestamp, prices.size(), sentinelId, sentinelHigh);
			}
		}
	}

	private Long stubLastServedAt() {
		String stub = this.options.get("stub-url");
		if (stub == null) {
			return null;
		}
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(stub + "/__stub/stats")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			long at = JSON.readTree(response.body()).path("lastLatestServedAtMillis").asLong(0);
			return (at > 0) ? at : null;
		}
		catch (IOException | InterruptedException ex) {
			return null;
		}
	}

	private static void summarize(String name, List<Long> values) {
		List<Long> present = values.stream().filter((v) -> v != null).toList();
		if (present.isEmpty()) {
			System.out.printf("g6 %-13s n/a%n", name);
			return;
		}
		System.out.printf("g6 %-13s samples=%d p50=%d ms p99=%d ms max=%d ms%n", name, present.size(),
				percentile(present, 50), percentile(present, 99), percentile(present, 100));
	}

	/** Nearest-rank percentile. */
	static long percentile(List<Long> values, int percent) {
		List<Long> sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

	private static String show(Long value) {
		return (value == null) ? "n/a" : value.toString();
	}

	private static byte[] gunzipIfNeeded(byte[] body) throws IOException {
		if (body.length < 2 || (body[0] & 0xff) != 0x1f || (body[1] & 0xff) != 0x8b) {
			return body;
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

	/**
	 * A poll event.
	 *
	 * @param globalIndex its position in the event store
	 * @param timestamp the event's timestamp in the event store
	 * @param items how many items' prices it carries
	 * @param sentinelId an item whose high price it carries, or {@code null}
	 * @param sentinelHigh that item's new high price
	 */
	record Event(long globalIndex, Instant timestamp, int items, Integer sentinelId, long sentinelHigh) {
	}

	/**
	 * A change of the items list seen by a watcher.
	 *
	 * @param atMillis when it was seen
	 * @param body the list it changed to (maybe gzip), or {@code null}
	 * @param verified whether it was matched to the poll by content
	 */
	record Change(long atMillis, byte[] body, boolean verified) {

		Change unverified() {
			return new Change(this.atMillis, this.body, false);
		}

	}

	/**
	 * One measured poll; a {@code null} figure was not observed.
	 *
	 * @param items items in the poll event
	 * @param eventToRedisMs event timestamp to Redis list ETag change
	 * @param eventToHttpMs event timestamp to a new ETag at {@code GET /api/v1/items}
	 * @param stubToRedisMs stub's {@code /latest} answer to Redis list ETag change
	 * @param verified whether the changes were matched to the poll by content
	 */
	record Sample(int items, Long eventToRedisMs, Long eventToHttpMs, Long stubToRedisMs, boolean verified) {
	}

	/** Just enough of the Redis protocol to {@code GET} a key. */
	static final class RespClient implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		RespClient(String host, int port) throws IOException {
			this.socket = new Socket(host, port);
			this.socket.setTcpNoDelay(true);
			this.socket.setSoTimeout(5000);
			this.in = new BufferedInputStream(this.socket.getInputStream());
		}

		byte[] get(String key) throws IOException {
			byte[] name = key.getBytes(StandardCharsets.UTF_8);
			String command = "*2\r\n$3\r\nGET\r\n$" + name.length + "\r\n";
			this.socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
			this.socket.getOutputStream().write(name);
			this.socket.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
			this.socket.getOutputStream().flush();
			String header = line();
			if (header.startsWith("-")) {
				throw new IOException("Redis: " + header);
			}
			if (!header.startsWith("$")) {
				throw new IOException("unexpected Redis reply " + header);
			}
			int length = Integer.parseInt(header.substring(1));
			if (length < 0) {
				return null;
			}
			byte[] value = this.in.readNBytes(length);
			this.in.readNBytes(2);
			return value;
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = this.in.read()) != -1 && c != '\r') {
				line.append((char) c);
			}
			this.in.read();
			return line.toString();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
