package com.gemetrics.loadtest.journal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP calls the journal benchmark makes: register and log in a user on the command
 * side, open a flip there ({@code POST /api/v1/flips}), and read it on the query side
 * ({@code GET /api/v1/flips/{id}}: 200 once visible, 404 before). HTTP/1.1 with
 * keep-alive, loopback only.
 */
public final class JournalApi {

	/** The header that carries a consistency token (command answers, query requests). */
	public static final String CONSISTENCY_HEADER = "X-Consistency-Token";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http;

	private final URI commandSide;

	private final URI querySide;

	/**
	 * @param commandSide e.g. {@code http://127.0.0.1:18081}
	 * @param querySide e.g. {@code http://127.0.0.1:18082}
	 */
	public JournalApi(String commandSide, String querySide) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		this.commandSide = URI.create(commandSide);
		this.querySide = (querySide != null) ? URI.create(querySide) : null;
	}

	/**
	 * Registers and logs in {@code count} new users
	 * ({@code <prefix>-<run>-<i>@example.com}), four at a time: password hashing is the
	 * slow part and the command side caps it.
	 * @return their access tokens
	 */
	public List<String> registerAndLogInMany(String prefix, String password, int count) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String email = prefix + "-" + run + "-" + i + "@example.com";
				futures.add(pool.submit(() -> registerAndLogIn(email, password)));
			}
			List<String> tokens = new ArrayList<>();
			for (Future<String> future : futures) {
				tokens.add(future.get());
			}
			return tokens;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Registers an account and logs it in.
	 * @return the access token (a JWT)
	 */
	public String registerAndLogIn(String email, String password) throws IOException, InterruptedException {
		String credentials = "\"email\":" + JSON.writeValueAsString(email) + ",\"password\":"
				+ JSON.writeValueAsString(password);
		HttpResponse<String> registered = post("/api/v1/auth/register",
				"{" + credentials + ",\"displayName\":\"Bench\"}", null);
		if (registered.statusCode() != 201) {
			throw new IOException("register answered " + registered.statusCode() + ": " + registered.body());
		}
		HttpResponse<String> login = post("/api/v1/auth/login", "{" + credentials + "}", null);
		JsonNode body = (login.statusCode() == 200) ? JSON.readTree(login.body()) : null;
		if (body == null || !body.hasNonNull("accessToken")) {
			throw new IOException("login answered " + login.statusCode() + ": " + login.body());
		}
		return body.get("accessToken").asText();
	}

	/**
	 * {@code POST /api/v1/auth/verify-email} with the token of the mailed link, as the
	 * account it was mailed to (ADR 13).
	 * @throws IOException unless it answers 204
	 */
	public void verifyEmail(String bearer, String token) throws IOException, InterruptedException {
		HttpResponse<String> verified = post("/api/v1/auth/verify-email",
				"{\"token\":" + JSON.writeValueAsString(token) + "}", bearer);
		if (verified.statusCode() != 204) {
			throw new IOException("verify-email answered " + verified.statusCode() + ": " + verified.body());
		}
	}

	/**
	 * Opens a flip of one item bought a minute ago.
	 * @return the answer: status, and for a 201 the flip id and the consistency token
	 * (header, or a {@code consistencyToken} field) if the command side sends one
	 */
	public Opened openFlip(String bearer, int itemId, long quantity, long price)
			throws IOException, InterruptedException {
		String body = "{\"itemId\":" + itemId + ",\"quantity\":" + quantity + ",\"price\":" + price + ",\"boughtAt\":\""
				+ Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS) + "\"}";
		HttpResponse<String> response = post("/api/v1/flips", body, bearer);
		if (response.statusCode() != 201) {
			return new Opened(response.statusCode(), null, null);
		}
		JsonNode json = JSON.readTree(response.body());
		String token = response.headers()
			.firstValue(CONSISTENCY_HEADER)
			.orElse(json.hasNonNull("consistencyToken") ? json.get("consistencyToken").asText() : null);
		return new Opened(201, json.path("id").asText(null), token);
	}

	/**
	 * {@code GET /api/v1/flips/{id}} on the query side.
	 * @param consistencyToken sent as {@link #CONSISTENCY_HEADER}, or {@code null}
	 * @return the status code
	 */
	public int getFlip(String bearer, String flipId, String consistencyToken) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.querySide.resolve("/api/v1/flips/" + flipId))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + bearer)
			.GET();
		if (consistencyToken != null) {
			request.header(CONSISTENCY_HEADER, consistencyToken);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private HttpResponse<String> post(String path, String body, String bearer)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.commandSide.resolve(path))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * What {@code POST /api/v1/flips} answered.
	 *
	 * @param status the HTTP status
	 * @param flipId the new flip's id (201 only)
	 * @param consistencyToken its consistency token, if the command side sent one
	 */
	public record Opened(int status, String flipId, String consistencyToken) {

		public boolean created() {
			return this.status == 201 && this.flipId != null;
		}

	}

}
