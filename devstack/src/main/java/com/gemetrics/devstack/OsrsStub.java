package com.gemetrics.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the OSRS Wiki real-time prices API on loopback, answering with the
 * recorded responses shipped at {@code classpath:fixtures/osrs/} (never edited). Paths
 * work with and without the real API's {@code /api/v1/osrs} prefix.
 * <p>
 * With {@code perturbPrices}, the {@code n}-th {@code /latest} answer (counting from 0)
 * moves every price by {@code n} gp (down instead of up where that would pass the in-game
 * cap) and every trade time by {@code n} minutes, so each poll changes every priced item,
 * deterministically. {@code GET /__stub/stats} tells how many {@code /latest} answers
 * were sent and when the last one finished (epoch milliseconds), for the benchmark.
 */
final class OsrsStub implements AutoCloseable {

	static final String BASE_PATH = "/api/v1/osrs";

	private static final Logger log = LoggerFactory.getLogger(OsrsStub.class);

	private static final String FIXTURES = "/fixtures/osrs/";

	private static final Pattern LATEST_FIELD = Pattern.compile("\"(high|low|highTime|lowTime)\":(\\d+)");

	private static final Pattern BODY_TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)\\}\\s*$");

	private static final byte[] EMPTY_SERIES = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor;

	private final boolean perturbPrices;

	private final byte[] mapping;

	private final String latest;

	private final byte[] latestBytes;

	private final byte[] fiveMinute;

	private final byte[] oneHour;

	private final byte[] timeseries8778;

	private final long fiveMinuteTimestamp;

	private final long oneHourTimestamp;

	private final AtomicLong latestAnswers = new AtomicLong();

	private volatile long lastLatestServedAtMillis;

	private OsrsStub(int port, boolean perturbPrices) throws IOException {
		this.perturbPrices = perturbPrices;
		this.mapping = fixture("mapping_2025-05-23.json");
		this.latestBytes = fixture("latest_2025-05-26.json");
		this.latest = new String(this.latestBytes, StandardCharsets.UTF_8);
		this.fiveMinute = fixture("5m_latest_2025-05-26.json");
		this.oneHour = fixture("1h_1748242800.json");
		this.timeseries8778 = fixture("timeseries_v1_1h_item8778_2022-06.json");
		this.fiveMinuteTimestamp = bodyTimestamp(this.fiveMinute);
		this.oneHourTimestamp = bodyTimestamp(this.oneHour);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		this.executor = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "osrs-stub");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
	}

	/** Starts the stub on {@code 127.0.0.1:port}. */
	static OsrsStub start(int port, boolean perturbPrices) throws IOException {
		OsrsStub stub = new OsrsStub(port, perturbPrices);
		stub.server.start();
		log.info("OSRS stub serving recorded fixtures at {}{}", stub.origin(),
				perturbPrices ? " (prices shift on every /latest)" : "");
		return stub;
	}

	/** The base URL to give the poller as {@code GE_OSRS_BASE_URL}. */
	String baseUrl() {
		return origin() + BASE_PATH;
	}

	private String origin() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String path = uri.getPath();
			if (path.startsWith(BASE_PATH)) {
				path = path.substring(BASE_PATH.length());
			}
			if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
				send(exchange, 405, json("{\"error\":\"method not allowed\"}"));
				return;
			}
			Map<String, String> query = query(uri.getRawQuery());
			switch (path) {
				case "/mapping" -> send(exchange, 200, this.mapping);
				case "/latest" -> {
					long answer = this.latestAnswers.getAndIncrement();
					send(exchange, 200, latest(answer));
					this.lastLatestServedAtMillis = System.currentTimeMillis();
				}
				case "/5m" ->
					send(exchange, 200, bucket(this.fiveMinute, this.fiveMinuteTimestamp, query.get("timestamp")));
				case "/1h" -> send(exchange, 200, bucket(this.oneHour, this.oneHourTimestamp, query.get("timestamp")));
				case "/timeseries" -> timeseries(exchange, query);
				case "/__stub/stats" -> send(exchange, 200, json("{\"latestAnswers\":" + this.latestAnswers.get()
						+ ",\"lastLatestServedAtMillis\":" + this.lastLatestServedAtMillis + "}"));
				default -> send(exchange, 404, json("{\"error\":\"not found\"}"));
			}
			log.debug("stub {} {}", exchange.getRequestMethod(), uri);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("stub failed to answer {}: {}", exchange.getRequestURI(), ex.toString());
		}
	}

	private void timeseries(HttpExchange exchange, Map<String, String> query) throws IOException {
		String id = query.get("id");
		String timestep = query.getOrDefault("timestep", "1h");
		if (id == null || !id.matches("\\d{1,9}")) {
			send(exchange, 400, json("{\"error\":\"id is required\"}"));
			return;
		}
		if (!timestep.matches("5m|1h|6h|24h")) {
			send(exchange, 400, json("{\"error\":\"invalid timestep\"}"));
			return;
		}
		boolean recorded = "8778".equals(id) && "1h".equals(timestep);
		send(exchange, 200, recorded ? this.timeseries8778 : EMPTY_SERIES);
	}

	/** The recorded bucket, or an empty one when another bucket is asked for. */
	private static byte[] bucket(byte[] recorded, long recordedTimestamp, String askedTimestamp) {
		if (askedTimestamp == null || askedTimestamp.equals(Long.toString(recordedTimestamp))) {
			return recorded;
		}
		if (!askedTimestamp.matches("\\d{1,12}")) {
			return json("{\"data\":{},\"timestamp\":null}");
		}
		return json("{\"data\":{},\"timestamp\":" + askedTimestamp + "}");
	}

	private byte[] latest(long answer) {
		if (!this.perturbPrices || answer == 0) {
			return this.latestBytes;
		}
		Matcher matcher = LATEST_FIELD.matcher(this.latest);
		StringBuilder body = new StringBuilder(this.latest.length() + 64);
		while (matcher.find()) {
			long value = Long.parseLong(matcher.group(2));
			boolean isTime = matcher.group(1).endsWith("Time");
			long shifted = isTime ? value + 60 * answer : shiftPrice(value, answer);
			matcher.appendReplacement(body, "\"" + matcher.group(1) + "\":" + shifted);
		}
		matcher.appendTail(body);
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static long shiftPrice(long price, long by) {
		long up = price + by;
		return (up <= Integer.MAX_VALUE) ? up : Math.max(1, price - by);
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(status, head ? -1 : body.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> params = new HashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
			}
		}
		return params;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static byte[] json(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static long bodyTimestamp(byte[] body) {
		String tail = new String(body, Math.max(0, body.length - 64), Math.min(64, body.length),
				StandardCharsets.UTF_8);
		Matcher matcher = BODY_TIMESTAMP.matcher(tail);
		if (!matcher.find()) {
			throw new IllegalStateException("fixture without a trailing timestamp");
		}
		return Long.parseLong(matcher.group(1));
	}

	private static byte[] fixture(String name) {
		try (InputStream in = OsrsStub.class.getResourceAsStream(FIXTURES + name)) {
			if (in == null) {
				throw new IllegalStateException("missing fixture " + FIXTURES + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
