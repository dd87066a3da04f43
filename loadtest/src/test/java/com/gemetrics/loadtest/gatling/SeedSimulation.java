package com.gemetrics.loadtest.gatling;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The seed's load test (its Artillery profile) against a running system: warm-up 10
 * arrivals/s for 60 s, a ramp from 10 to 50 arrivals/s over 120 s, a peak of 100
 * arrivals/s for 60 s. Seventy per cent of arrivals are a "user session" (log in, list
 * own flips, an item's price history, record a flip on the command side, read it back
 * with its consistency token, read stats), thirty per cent "browse" (the items list with
 * {@code If-None-Match}, one item, market stats, price history), with think times between
 * steps. Every request is named after the phase it starts in ({@code warm-up},
 * {@code ramp}, {@code peak}), so the report has each request per phase, and the
 * assertions (p99 under 500 ms, under 0.1 % failed) hold for each of them.
 *
 * <p>
 * Run by {@code loadtest/bench.sh seed}, never by the build (it is not a JUnit test).
 * System properties: {@code ge.commandUrl}, {@code ge.queryUrl}, {@code ge.users} (the
 * {@code email,password} file {@code SeedUsers} wrote), {@code ge.quick=true} (every
 * phase ÷ {@code ge.quickFactor}, default 6: the same shape, shorter),
 * {@code ge.thinkMinMs}/{@code ge.thinkMaxMs} (1000–3000), {@code ge.startFile} (where to
 * write the start in epoch ms and each phase's length, for the sampler).
 */
public class SeedSimulation extends Simulation {

	static final String CONSISTENCY_HEADER = "X-Consistency-Token";

	/** Items with a price and a history in the dev stack's OSRS fixtures. */
	static final List<Integer> ITEMS = List.of(4151, 13190, 20997, 11832, 11834, 560, 561, 554, 453, 440, 12934, 8778,
			1513, 2434);

	static final double SESSION_SHARE = 0.7;

	static final boolean QUICK = Boolean.getBoolean("ge.quick");

	static final int FACTOR = QUICK ? Integer.getInteger("ge.quickFactor", 6) : 1;

	static final Duration WARM_UP = Duration.ofSeconds(60).dividedBy(FACTOR);

	static final Duration RAMP = Duration.ofSeconds(120).dividedBy(FACTOR);

	static final Duration PEAK = Duration.ofSeconds(60).dividedBy(FACTOR);

	static final Duration THINK_MIN = Duration.ofMillis(Long.getLong("ge.thinkMinMs", 1000));

	static final Duration THINK_MAX = Duration.ofMillis(Long.getLong("ge.thinkMaxMs", 3000));

	/** The list's ETag as an SPA holds it: the newest one any client was sent. */
	static final AtomicReference<String> ITEMS_ETAG = new AtomicReference<>("\"none\"");

	/** When the injection starts (the first arrival is at 0). */
	static volatile long startNanos = System.nanoTime();

	/** The phase a request starting now belongs to. */
	static String phase() {
		long elapsed = System.nanoTime() - startNanos;
		if (elapsed < WARM_UP.toNanos()) {
			return "warm-up";
		}
		if (elapsed < WARM_UP.plus(RAMP).toNanos()) {
			return "ramp";
		}
		if (elapsed < WARM_UP.plus(RAMP).plus(PEAK).toNanos()) {
			return "peak";
		}
		return "drain";
	}

	static Function<Session, String> named(String request) {
		return (session) -> phase() + " " + request;
	}

	static ChainBuilder think() {
		return pause(THINK_MIN, THINK_MAX);
	}

	final HttpProtocolBuilder protocol = http.acceptHeader("application/json")
		.acceptEncodingHeader("gzip")
		.contentTypeHeader("application/json")
		.userAgentHeader("ge-metrics-seed-load")
		.disableCaching()
		.shareConnections();

	static final String COMMAND = System.getProperty("ge.commandUrl", "http://127.0.0.1:18081");

	static final String QUERY = System.getProperty("ge.queryUrl", "http://127.0.0.1:18082");

	final ScenarioBuilder userSession = scenario("user session")
		.feed(csv(System.getProperty("ge.users", "users.csv")).circular())
		.exec((session) -> session.set("itemId", randomItem()))
		.exec(http(named("login")).post(COMMAND + "/api/v1/auth/login")
			.body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
			.check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
		.exitHereIfFailed()
		.exec(think())
		.exec(http(named("own flips")).get(QUERY + "/api/v1/flips")
			.header("Authorization", "Bearer #{token}")
			.check(status().is(200)))
		.exec(think())
		.exec(http(named("price history")).get(QUERY + "/api/v1/items/#{itemId}/prices?timestep=1h")
			.check(status().is(200)))
		.exec(think())
		.exec((session) -> session.set("flipBody", flipBody(session)))
		.exec(http(named("record flip")).post(COMMAND + "/api/v1/flips")
			.header("Authorization", "Bearer #{token}")
			.body(StringBody("#{flipBody}"))
			.check(status().is(201), jsonPath("$.id").saveAs("flipId"),
					jsonPath("$.consistencyToken").saveAs("consistencyToken")))
		.exitHereIfFailed()
		// Read your own write at once: the token makes the query side wait for its
		// projection.
		.exec(http(named("flip read back")).get(QUERY + "/api/v1/flips/#{flipId}")
			.header("Authorization", "Bearer #{token}")
			.header(CONSISTENCY_HEADER, "#{consistencyToken}")
			.check(status().is(200), header("X-Consistency-Stale").notExists(), jsonPath("$.id").isEL("#{flipId}")))
		.exec(think())
		.exec(http(named("stats")).get(QUERY + "/api/v1/flips/stats")
			.header("Authorization", "Bearer #{token}")
			.check(status().is(200)));

	final ScenarioBuilder browse = scenario("browse").exec((session) -> session.set("itemId", randomItem()))
		.exec(http(named("items list")).get(QUERY + "/api/v1/items")
			.header("If-None-Match", (session) -> ITEMS_ETAG.get())
			.check(status().in(200, 304), header("ETag").optional().saveAs("etag")))
		.exec((session) -> {
			if (session.contains("etag")) {
				ITEMS_ETAG.set(session.getString("etag"));
			}
			return session;
		})
		.exec(think())
		.exec(http(named("one item")).get(QUERY + "/api/v1/items/#{itemId}").check(status().is(200)))
		.exec(think())
		.exec(http(named("market stats")).get(QUERY + "/api/v1/market/stats").check(status().is(200)))
		.exec(think())
		.exec(http(named("price history")).get(QUERY + "/api/v1/items/#{itemId}/prices?timestep=5m")
			.check(status().is(200)));

	{
		setUp(this.userSession.injectOpen(profile(SESSION_SHARE)), this.browse.injectOpen(profile(1 - SESSION_SHARE)))
			.protocols(this.protocol)
			.assertions(assertions());
	}

	@Override
	public void before() {
		System.out.printf("seed profile%s: warm-up %s, ramp %s, peak %s; think %s-%s%n",
				QUICK ? " (quick, ÷" + FACTOR + ")" : "", WARM_UP, RAMP, PEAK, THINK_MIN, THINK_MAX);
		startNanos = System.nanoTime();
		String startFile = System.getProperty("ge.startFile");
		if (startFile != null) {
			// The memory and CPU sampler of bench.sh seed maps its samples to phases from
			// this.
			try {
				java.nio.file.Files.writeString(java.nio.file.Path.of(startFile), System.currentTimeMillis() + " "
						+ WARM_UP.toMillis() + " " + RAMP.toMillis() + " " + PEAK.toMillis() + "\n");
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
	}

	/** The seed's arrivals, times {@code share} of them. */
	static OpenInjectionStep[] profile(double share) {
		return new OpenInjectionStep[] { constantUsersPerSec(10 * share).during(WARM_UP),
				rampUsersPerSec(10 * share).to(50 * share).during(RAMP),
				constantUsersPerSec(100 * share).during(PEAK) };
	}

	/** Every request of every phase: p99 under 500 ms, under 0.1 % failed. */
	static List<Assertion> assertions() {
		return List.of(forAll().responseTime().percentile(99).lt(500), forAll().failedRequests().percent().lt(0.1));
	}

	static int randomItem() {
		return ITEMS.get(ThreadLocalRandom.current().nextInt(ITEMS.size()));
	}

	static String flipBody(Session session) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Instant boughtAt = Instant.now()
			.minus(random.nextInt(1, 600), ChronoUnit.MINUTES)
			.truncatedTo(ChronoUnit.SECONDS);
		return "{\"itemId\":" + session.getInt("itemId") + ",\"quantity\":" + random.nextInt(1, 100) + ",\"price\":"
				+ random.nextInt(100, 2_000_000) + ",\"boughtAt\":\"" + boughtAt + "\",\"account\":\"seed\"}";
	}

}
