package com.gemetrics.loadtest.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.gemetrics.loadtest.fuzz.FuzzRequest.App;
import com.gemetrics.loadtest.fuzz.FuzzRequest.Caller;

/**
 * Prepares a run against a running system: reads both apps' OpenAPI documents, registers
 * the owner, the stranger, the victim (whose logins the fuzzer fails) and, when the
 * caller can read its verification mail, an admin (the bootstrap admin address); then
 * gives the owner flips with sales and a watched item with alert rules, so that the
 * fuzzer's ids are real.
 */
public final class FuzzSetup implements FuzzRun.Sessions {

	private static final ObjectMapper JSON = new ObjectMapper();

	static final int WHIP = 4151;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String commandUrl;

	private final String queryUrl;

	private final Map<Caller, String[]> credentials = new EnumMap<>(Caller.class);

	private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

	private final Map<Caller, String> userIds = new EnumMap<>(Caller.class);

	private String victimEmail;

	public FuzzSetup(String commandUrl, String queryUrl) {
		this.commandUrl = commandUrl;
		this.queryUrl = queryUrl;
	}

	/** Every operation of both apps' {@code /v3/api-docs}. */
	public List<ApiOperation> operations() throws IOException, InterruptedException {
		List<ApiOperation> operations = new ArrayList<>();
		operations.addAll(ApiOperation.parse(App.COMMAND, JSON.readTree(get(this.commandUrl + "/v3/api-docs"))));
		operations.addAll(ApiOperation.parse(App.QUERY, JSON.readTree(get(this.queryUrl + "/v3/api-docs"))));
		return operations;
	}

	/**
	 * Registers the callers and makes the owner's flips, sales and rules.
	 * @param adminEmail the bootstrap admin address, or {@code null} for no admin (the
	 * stranger then stands in for it)
	 * @param verificationToken reads the verification token mailed to an address
	 */
	public Targets prepare(String adminEmail, Function<String, String> verificationToken)
			throws IOException, InterruptedException {
		String run = UUID.randomUUID().toString().substring(0, 8);
		register(Caller.OWNER, "fuzz-owner-" + run + "@example.com");
		register(Caller.STRANGER, "fuzz-stranger-" + run + "@example.com");
		this.victimEmail = "fuzz-victim-" + run + "@example.com";
		post(this.commandUrl + "/api/v1/auth/register",
				body("email", this.victimEmail, "password", "the victim's password", "displayName", "Victim"), null,
				201);
		if (adminEmail != null) {
			register(Caller.ADMIN, adminEmail);
			String token = verificationToken.apply(adminEmail);
			// A link verifies only for the login it was mailed to (ADR 13); the token
			// logged in again afterwards carries the roles verification granted.
			post(this.commandUrl + "/api/v1/auth/verify-email", body("token", token), this.tokens.get(Caller.ADMIN),
					204);
			this.tokens.put(Caller.ADMIN, logIn(Caller.ADMIN));
		}
		else {
			this.credentials.put(Caller.ADMIN, this.credentials.get(Caller.STRANGER));
			this.tokens.put(Caller.ADMIN, this.tokens.get(Caller.STRANGER));
			this.userIds.put(Caller.ADMIN, this.userIds.get(Caller.STRANGER));
		}

		String owner = this.tokens.get(Caller.OWNER);
		List<String> flips = new ArrayList<>();
		List<String> sales = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JsonNode flip = JSON.readTree(post(this.commandUrl + "/api/v1/flips",
					"{\"itemId\":" + WHIP + ",\"quantity\":10,\"price\":1000000,\"boughtAt\":\"2026-01-10T12:00:00Z\"}",
					owner, 201));
			flips.add(flip.get("id").asText());
			JsonNode sale = JSON.readTree(post(this.commandUrl + "/api/v1/flips/" + flips.get(i) + "/sales",
					"{\"quantity\":2,\"price\":1100000,\"soldAt\":\"2026-01-10T13:00:00Z\"}", owner, 201));
			sales.add(sale.get("id").asText());
		}
		JsonNode watched = JSON
			.readTree(send(HttpRequest.newBuilder(URI.create(this.commandUrl + "/api/v1/watchlist/items/" + WHIP))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + owner)
				.PUT(HttpRequest.BodyPublishers.ofString("{\"alerts\":[{\"type\":\"PRICE_AT_OR_ABOVE\",\"value\":1000},"
						+ "{\"type\":\"PRICE_AT_OR_BELOW\",\"value\":5}]}")),
					201));
		List<String> rules = new ArrayList<>();
		watched.path("rules").forEach((rule) -> rules.add(rule.path("ruleId").asText()));
		List<String> others = new ArrayList<>(
				List.of(this.userIds.get(Caller.OWNER), this.userIds.get(Caller.STRANGER)));
		return new Targets(flips, sales, rules, List.of(WHIP, 13190, 20997, 2660, 1), others, this.victimEmail, owner);
	}

	public String userId(Caller caller) {
		return this.userIds.get(caller);
	}

	@Override
	public synchronized String token(Caller caller) {
		return this.tokens.get(caller);
	}

	@Override
	public synchronized void renew(Caller caller, String stale) {
		if (!stale.equals(this.tokens.get(caller))) {
			return;
		}
		try {
			String token = logIn(caller);
			this.tokens.put(caller, token);
			if (this.credentials.get(Caller.ADMIN) == this.credentials.get(caller)) {
				this.tokens.put(Caller.ADMIN, token);
			}
			if (caller == Caller.ADMIN && this.credentials.get(Caller.STRANGER) == this.credentials.get(caller)) {
				this.tokens.put(Caller.STRANGER, token);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not log " + caller + " in again", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Logs {@code caller} in with its password, as a person would. */
	public String logIn(Caller caller) throws IOException, InterruptedException {
		String[] account = this.credentials.get(caller);
		JsonNode login = JSON.readTree(post(this.commandUrl + "/api/v1/auth/login",
				body("email", account[0], "password", account[1]), null, 200));
		return login.get("accessToken").asText();
	}

	private void register(Caller caller, String email) throws IOException, InterruptedException {
		String password = "fuzzing " + caller.name().toLowerCase(java.util.Locale.ROOT) + " password";
		post(this.commandUrl + "/api/v1/auth/register",
				body("email", email, "password", password, "displayName", "Fuzz " + caller.name()), null, 201);
		this.credentials.put(caller, new String[] { email, password });
		String token = logIn(caller);
		this.tokens.put(caller, token);
		this.userIds.put(caller, subject(token));
	}

	private static String subject(String jwt) throws IOException {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).get("sub").asText();
	}

	private static String body(String... pairs) throws IOException {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put(pairs[i], pairs[i + 1]);
		}
		return JSON.writeValueAsString(fields);
	}

	private String get(String url) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), 200);
	}

	private String post(String url, String json, String token, int expected) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request, expected);
	}

	private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
					+ response.statusCode() + " (expected " + expected + "): " + response.body());
		}
		return response.body();
	}

}
