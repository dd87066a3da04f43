package com.gemetrics.query.audit;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.platform.privacy.DataKeyStore;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.TestTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The auditors' event history over HTTP with real RS256 access tokens, on events in the
 * real event store: filters, keyset paging oldest first, upcasting through the registered
 * upcaster chain, who may call, the 400s, the NDJSON export with its checksum (plain and
 * gzip, and streamed), and the access log every call leaves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
@ExtendWith(OutputCaptureExtension.class)
class AuditApiIT {

	static final String NOTE_TYPE = "com.gemetrics.test.NoteTakenEvent";

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static final TestTokens tokens = new TestTokens();

	@LocalServerPort
	int port;

	@Autowired
	EventStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	PersonalDataCipher cipher;

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String auditorId = UUID.randomUUID().toString();

	private final String auditor = tokens.bearer(this.auditorId, "USER", "AUDITOR");

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> TestTokens.jwksUrl(commandSide.baseUrl()));
	}

	@BeforeEach
	void serveKeys() {
		tokens.serve(commandSide);
	}

	@Test
	void pagesThroughOneUsersEventsAcrossAggregatesOldestFirst() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		FlipId first = new FlipId(UUID.randomUUID());
		FlipId second = new FlipId(UUID.randomUUID());
		Instant at = Instant.parse("2026-12-01T10:00:00Z");
		publish("Flip", first.toString(), 0, new FlipOpenedEvent(first, user, "main", 4151, 10, 1_000, at),
				MetaData.with("actor", user.toString()).and("requestId", "req-1"));
		publish("Flip", new FlipId(UUID.randomUUID()).toString(), 0, new FlipOpenedEvent(new FlipId(UUID.randomUUID()),
				new UserId(UUID.randomUUID()), "main", 4151, 1, 1, at), MetaData.emptyInstance());
		publish("Flip", second.toString(), 0, new FlipOpenedEvent(second, user, "alt", 11832, 5, 2_000, at),
				MetaData.emptyInstance());
		publish("Flip", first.toString(), 1,
				new FlipSaleRecordedEvent(first, user, UUID.randomUUID().toString(), 4, 1_100, at.plusSeconds(60)),
				MetaData.emptyInstance());

		List<JsonNode> walked = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			JsonNode page = this.json.readTree(
					get("/api/v1/audit/events?userId=" + user + "&limit=2" + ((after != null) ? "&after=" + after : ""),
							this.auditor)
						.body());
			page.path("items").forEach(walked::add);
			after = page.path("nextAfter").isNull() ? null : page.path("nextAfter").asText();
			pages++;
		}
		while (after != null && pages < 10);

		assertThat(walked).hasSize(3);
		assertThat(walked.stream().map((event) -> event.path("globalPosition").asLong()).toList()).isSorted()
			.doesNotHaveDuplicates();
		JsonNode opened = walked.get(0);
		assertThat(opened.path("aggregateType").asText()).isEqualTo("Flip");
		assertThat(opened.path("aggregateId").asText()).isEqualTo(first.toString());
		assertThat(opened.path("sequence").asLong()).isZero();
		assertThat(opened.path("type").asText()).isEqualTo(FlipOpenedEvent.class.getName());
		assertThat(opened.path("revision").asText()).isEqualTo("1");
		assertThat(opened.path("timestamp").asText()).isNotBlank();
		assertThat(opened.path("payload").path("quantity").asLong()).isEqualTo(10);
		assertThat(opened.path("payload").path("userId").path("value").asText()).isEqualTo(user.toString());
		assertThat(opened.path("metadata").path("actor").asText()).isEqualTo(user.toString());
		assertThat(opened.path("metadata").path("requestId").asText()).isEqualTo("req-1");
		assertThat(walked.get(2).path("type").asText()).isEqualTo(FlipSaleRecordedEvent.class.getName());

		JsonNode oneFlip = this.json.readTree(get("/api/v1/audit/events?aggregateType=Flip&aggregateId=" + first
				+ "&eventType=FlipSaleRecordedEvent&from=2026-01-01T00:00:00Z", this.auditor)
			.body());
		assertThat(oneFlip.path("items")).hasSize(1);
		assertThat(oneFlip.path("items").get(0).path("sequence").asLong()).isEqualTo(1);
		assertThat(oneFlip.path("nextAfter").isNull()).isTrue();
		JsonNode none = this.json
			.readTree(get("/api/v1/audit/events?userId=" + user + "&to=2013-03-01T00:00:00Z", this.auditor).body());
		assertThat(none.path("items")).isEmpty();
	}

	@Test
	void showsPersonalDataInClearUntilTheUsersKeyIsDestroyedThenErased() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		// The command side creates the key at registration; the query side may only read
		// it.
		DataKeyStore keys = new DataKeyStore(owner(), this.cipher);
		SecretKey key = keys.createIfMissing(user, Instant.now()).orElseThrow();
		EncryptedValue email = this.cipher.encrypt(user, key, "trader@example.com");
		publish("User", user.toString(), 0, new UserRegisteredEvent(user, email,
				this.cipher.encrypt(user, key, "Zezima"), Instant.parse("2026-12-01T10:00:00Z")),
				MetaData.emptyInstance());
		String path = "/api/v1/audit/events?aggregateType=User&aggregateId=" + user;

		JsonNode before = this.json.readTree(get(path, this.auditor).body()).path("items").get(0).path("payload");
		keys.destroy(user, Instant.now());
		JsonNode after = this.json.readTree(get(path, this.auditor).body()).path("items").get(0).path("payload");
		List<String> exported = List
			.of(get("/api/v1/audit/events/export?aggregateId=" + user, this.auditor).body().split("\n"));

		assertThat(before.path("email").asText()).isEqualTo("trader@example.com");
		assertThat(before.path("displayName").asText()).isEqualTo("Zezima");
		assertThat(after.path("email").asText()).isEqualTo("erased");
		assertThat(after.path("displayName").asText()).isEqualTo("erased");
		assertThat(after.path("userId").path("value").asText()).isEqualTo(user.toString());
		assertThat(exported.get(0)).contains("\"email\":\"erased\"").doesNotContain(email.ciphertext());
	}

	@Test
	void showsEachPayloadUpcastThroughTheRegisteredChain() throws Exception {
		String aggregate = "note-" + UUID.randomUUID();
		this.jdbc.update(
				"""
						INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
						    meta_data, payload, payload_revision, payload_type, time_stamp)
						VALUES (?, 0, 'Note', ?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1', ?, '2026-12-01T10:00:00.000Z')
						""",
				aggregate, UUID.randomUUID().toString(), "{\"text\":\"hello\"}", NOTE_TYPE);

		JsonNode page = this.json.readTree(get("/api/v1/audit/events?aggregateId=" + aggregate, this.auditor).body());

		JsonNode note = page.path("items").get(0);
		assertThat(note.path("type").asText()).isEqualTo(NOTE_TYPE);
		assertThat(note.path("revision").asText()).as("upcast from revision 1").isEqualTo("2");
		assertThat(note.path("payload").path("text").asText()).isEqualTo("hello");
		assertThat(note.path("payload").path("channel").asText()).isEqualTo("unknown");
		assertThat(note.path("timestamp").asText()).isEqualTo("2026-12-01T10:00:00Z");
	}

	@Test
	void onlyAuditorsAndAdminsMayRead() throws Exception {
		assertThat(get("/api/v1/audit/events?limit=1", null).statusCode()).isEqualTo(401);
		HttpResponse<String> user = get("/api/v1/audit/events?limit=1",
				tokens.bearer(UUID.randomUUID().toString(), "USER"));
		assertThat(user.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(user.body()).path("code").asText()).isEqualTo("FORBIDDEN");
		assertThat(get("/api/v1/audit/events/export", tokens.bearer(UUID.randomUUID().toString(), "USER")).statusCode())
			.isEqualTo(403);
		assertThat(get("/api/v1/audit/events?limit=1", tokens.bearer(UUID.randomUUID().toString(), "USER", "ADMIN"))
			.statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/audit/events?limit=1", this.auditor).statusCode()).isEqualTo(200);
	}

	@Test
	void documentsBothEndpoints() throws Exception {
		JsonNode paths = this.json.readTree(get("/v3/api-docs", null).body()).path("paths");

		assertThat(paths.has("/api/v1/audit/events")).isTrue();
		assertThat(paths.has("/api/v1/audit/events/export")).isTrue();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "userId=not-a-uuid|INVALID_USER_ID",
			"eventType=NoSuchEvent|UNKNOWN_EVENT_TYPE", "aggregateType=Flip;DROP|INVALID_AGGREGATE_TYPE",
			"limit=0|INVALID_LIMIT", "limit=1001|INVALID_LIMIT", "limit=ten|INVALID_LIMIT", "after=-1|INVALID_CURSOR",
			"after=x|INVALID_CURSOR", "from=1748240400|INVALID_TIME",
			"from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z|INVALID_RANGE", "from=yesterday|INVALID_PARAMETER",
			"userid=9f1c0d1e-0000-0000-0000-000000000000|UNKNOWN_PARAMETER" })
	void refusesEveryBadParameterWithItsCode(String query, String code) throws Exception {
		HttpResponse<String> page = get("/api/v1/audit/events?" + query, this.auditor);
		HttpResponse<String> export = get("/api/v1/audit/events/export?" + query.replaceAll("(limit|after)=", "$1x="),
				this.auditor);

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.json.readTree(page.body()).path("code").asText()).isEqualTo(code);
		assertThat(export.statusCode()).isEqualTo(400);
	}

	@Test
	void everyCallIsRecordedInTheAccessLogAndTheLog(CapturedOutput output) throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		FlipId flip = new FlipId(UUID.randomUUID());
		publish("Flip", flip.toString(), 0,
				new FlipOpenedEvent(flip, user, "main", 4151, 10, 1_000, Instant.parse("2026-12-01T10:00:00Z")),
				MetaData.emptyInstance());

		assertThat(get("/api/v1/audit/events?userId=" + user, this.auditor).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/audit/events/export?userId=" + user, this.auditor).statusCode()).isEqualTo(200);

		List<Map<String, Object>> rows = owner()
			.queryForList("SELECT actor, roles, endpoint, filters::text AS filters, returned, outcome, request_id "
					+ "FROM audit.access_log WHERE actor = ? ORDER BY id", this.auditorId);
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).containsEntry("endpoint", "GET /api/v1/audit/events")
			.containsEntry("roles", "ROLE_AUDITOR,ROLE_USER")
			.containsEntry("returned", 1L)
			.containsEntry("outcome", "complete");
		JsonNode filters = this.json.readTree((String) rows.get(0).get("filters"));
		assertThat(filters.path("userId").asText()).isEqualTo(user.toString());
		assertThat(filters.path("limit").asInt()).isEqualTo(100);
		assertThat(rows.get(0).get("request_id")).isNotNull();
		assertThat(rows.get(1)).containsEntry("endpoint", "GET /api/v1/audit/events/export")
			.containsEntry("returned", 1L)
			.containsEntry("outcome", "complete");
		List<JsonNode> logged = output.getAll()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains("Audit access by " + this.auditorId))
			.map(this::tree)
			.toList();
		assertThat(logged).hasSize(2);
		JsonNode page = logged.get(0);
		assertThat(page.path("message").asText()).contains("GET /api/v1/audit/events").contains(user.toString());
		assertThat(field(page, "audit.actor")).isEqualTo(this.auditorId);
		assertThat(field(page, "audit.endpoint")).isEqualTo("GET /api/v1/audit/events");
		assertThat(field(page, "audit.returned")).isEqualTo("1");
		assertThat(field(logged.get(1), "audit.endpoint")).isEqualTo(AuditExporter.ENDPOINT);
	}

	@Test
	void theAccessLogIsInsertOnlyForTheQuerySideAndClosedToOthers() throws SQLException {
		try (Connection connection = ownerConnection(); Statement sql = connection.createStatement()) {
			sql.execute("SET ROLE ge_query_app");
			sql.execute(
					"INSERT INTO audit.access_log (accessed_at, actor, roles, endpoint, filters, returned, outcome) "
							+ "VALUES (now(), 'x', 'ROLE_AUDITOR', 'GET /test', '{}', 0, 'complete')");
			assertDenied(sql, "SELECT * FROM audit.access_log", "permission denied for table access_log");
			assertDenied(sql, "UPDATE audit.access_log SET returned = 0", "permission denied for table access_log");
			assertDenied(sql, "DELETE FROM audit.access_log", "permission denied for table access_log");
			assertDenied(sql, "TRUNCATE audit.access_log", "permission denied for table access_log");
			sql.execute("RESET ROLE");
			sql.execute("SET ROLE ge_analyst");
			assertDenied(sql, "SELECT * FROM audit.access_log", "permission denied for schema audit");
			sql.execute("RESET ROLE");
			sql.execute("SET ROLE ge_command_app");
			assertDenied(sql, "SELECT * FROM audit.access_log", "permission denied for table access_log");
			assertDenied(sql,
					"INSERT INTO audit.access_log (accessed_at, actor, roles, endpoint, filters, returned, outcome) "
							+ "VALUES (now(), 'x', '', 'GET /test', '{}', 0, 'complete')",
					"permission denied for table access_log");
		}
	}

	@Test
	void exportsNdjsonWithACountAndAChecksumOfTheLines() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		for (int i = 0; i < 7; i++) {
			FlipId flip = new FlipId(UUID.randomUUID());
			publish("Flip", flip.toString(), 0,
					new FlipOpenedEvent(flip, user, "main", 4151, i + 1, 1_000, Instant.parse("2026-12-01T10:00:00Z")),
					MetaData.emptyInstance());
		}

		HttpResponse<byte[]> plain = this.http.send(request("/api/v1/audit/events/export?userId=" + user).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		HttpResponse<byte[]> gzip = this.http.send(
				request("/api/v1/audit/events/export?userId=" + user).header("Accept-Encoding", "gzip").build(),
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		List<JsonNode> events = verified(plain.body(), 7);
		assertThat(events.stream().map((event) -> event.path("payload").path("quantity").asLong()).toList())
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(gzip.statusCode()).isEqualTo(200);
		assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
		byte[] unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body())).readAllBytes();
		assertThat(unzipped).isEqualTo(plain.body());
	}

	/**
	 * A client that reads slowly, with a small receive buffer: the first event arrives
	 * while the server is still reading the store (it has not finished, so it has not
	 * logged the call), far more than the sockets can buffer follows, and the whole
	 * checks out.
	 */
	@Test
	void streamsTheExportWhileReadingTheStore() throws Exception {
		String user = UUID.randomUUID().toString();
		int total = 6_000;
		publishPadded(user, total);

		try (Socket socket = exportSocket(user)) {
			InputStream response = socket.getInputStream();
			String status = line(response);
			while (!line(response).isEmpty()) {
				// headers
			}
			String firstEvent = line(response);

			assertThat(status).contains(" 200 ");
			assertThat(this.json.readTree(firstEvent).path("payload").path("index").asInt()).isZero();
			assertThat(exportsLogged(user)).as("the server is still streaming").isZero();

			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.write((firstEvent + "\n").getBytes(StandardCharsets.UTF_8));
			response.transferTo(body);
			assertThat(body.size()).isGreaterThan(total * 2_000);
			verified(body.toByteArray(), total);
		}
		assertThat(exportsLogged(user)).isEqualTo(1);
	}

	/** A structured log field, flat ({@code "audit.actor"}) or nested. */
	private static String field(JsonNode line, String dotted) {
		if (line.has(dotted)) {
			return line.get(dotted).asText();
		}
		JsonNode node = line;
		for (String part : dotted.split("\\.")) {
			node = node.path(part);
		}
		return node.asText();
	}

	private JsonNode tree(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void anExportTheClientAbandonsIsLoggedAsAborted() throws Exception {
		String user = UUID.randomUUID().toString();
		publishPadded(user, 6_000);

		try (Socket socket = exportSocket(user)) {
			InputStream response = socket.getInputStream();
			while (!line(response).isEmpty()) {
				// status and headers
			}
			assertThat(this.json.readTree(line(response)).path("payload").path("index").asInt()).isZero();
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> owner().queryForList(
					"SELECT outcome FROM audit.access_log WHERE endpoint = ? " + "AND filters->>'userId' = ?",
					String.class, AuditExporter.ENDPOINT, user), (outcomes) -> !outcomes.isEmpty());
		Map<String, Object> row = owner().queryForMap(
				"SELECT outcome, returned FROM audit.access_log WHERE endpoint = ? AND filters->>'userId' = ?",
				AuditExporter.ENDPOINT, user);
		assertThat(row).containsEntry("outcome", "aborted");
		assertThat((Long) row.get("returned")).isPositive().isLessThan(6_000L);
	}

	/**
	 * Each filter can be served by its index: with sequential scans off, the plan of a
	 * filtered page names the index (the index expressions match the queries').
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "userId,domain_event_entry_user_idx", "from,domain_event_entry_time_idx",
			"aggregateType,domain_event_entry_type_idx", "eventType,domain_event_entry_payload_type_idx" })
	void everyFilterHasItsIndex(String filter, String index) {
		AuditFilter given = switch (filter) {
			case "userId" -> new AuditFilter(null, null, UUID.randomUUID().toString(), null, null, null);
			case "from" -> new AuditFilter(null, null, null, null, Instant.parse("2026-12-01T00:00:00Z"),
					Instant.parse("2026-12-02T00:00:00Z"));
			case "aggregateType" -> new AuditFilter("Flip", null, null, null, null, null);
			default -> new AuditFilter(null, null, null, FlipOpenedEvent.class.getName(), null, null);
		};
		AuditEventRepository.Query query = AuditEventRepository.query(given, 0);

		String plan = this.transactions.execute((status) -> {
			this.jdbc.execute("SET LOCAL enable_seqscan = off");
			return String.join("\n", this.jdbc.queryForList("EXPLAIN " + query.sql() + " LIMIT 100", String.class,
					query.args().toArray()));
		});

		assertThat(plan).contains(index);
	}

	private void publishPadded(String user, int total) {
		String padding = "x".repeat(2_000);
		List<DomainEventMessage<?>> batch = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			batch.add(new GenericDomainEventMessage<>("Padded", "padded-" + user, i, new Padded(user, i, padding)));
			if (batch.size() == 500) {
				this.store.publish(batch);
				batch.clear();
			}
		}
		this.store.publish(batch);
	}

	/** A raw HTTP/1.0 export request on a socket with a small receive buffer. */
	private Socket exportSocket(String user) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(8 * 1024);
		socket.connect(new java.net.InetSocketAddress("127.0.0.1", this.port));
		OutputStream request = socket.getOutputStream();
		request.write(("GET /api/v1/audit/events/export?userId=" + user + " HTTP/1.0\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + this.auditor + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		request.flush();
		return socket;
	}

	private long exportsLogged(String user) {
		return owner().queryForObject(
				"SELECT count(*) FROM audit.access_log WHERE endpoint = ? AND filters->>'userId' = ? AND returned = ?",
				Long.class, AuditExporter.ENDPOINT, user, 6_000L);
	}

	/** The events of an export, once its last line's count and hash are checked. */
	private List<JsonNode> verified(byte[] body, int expected) throws Exception {
		int end = body.length - 1;
		assertThat(body[end]).isEqualTo((byte) '\n');
		int lastLineStart = end;
		while (lastLineStart > 0 && body[lastLineStart - 1] != '\n') {
			lastLineStart--;
		}
		JsonNode trailer = this.json
			.readTree(new String(body, lastLineStart, end - lastLineStart, StandardCharsets.UTF_8));
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		sha256.update(body, 0, lastLineStart);
		assertThat(trailer.path("count").asLong()).isEqualTo(expected);
		assertThat(trailer.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(sha256.digest()));
		List<JsonNode> events = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(
				new java.io.ByteArrayInputStream(body, 0, lastLineStart), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				events.add(this.json.readTree(line));
			}
		}
		assertThat(events).hasSize(expected);
		assertThat(events.stream().map((event) -> event.path("globalPosition").asLong()).toList()).isSorted();
		return events;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("connection closed mid-line");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private void publish(String type, String aggregateId, long sequence, Object payload, MetaData metaData) {
		this.store.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + this.auditor);
	}

	private HttpResponse<String> get(String path, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JdbcTemplate owner() {
		return RealInfrastructure.asOwner(this.dataSource);
	}

	private Connection ownerConnection() throws SQLException {
		return owner().getDataSource().getConnection();
	}

	private static void assertDenied(Statement sql, String statement, String message) {
		assertThatThrownBy(() -> sql.execute(statement)).as(statement)
			.isInstanceOf(SQLException.class)
			.hasMessageContaining(message);
	}

	/** A test event with a plain string user id and a large payload. */
	record Padded(String userId, int index, String padding) {
	}

	@TestConfiguration
	static class Upcasters {

		/** Revision 1 of the test's note event lacked the channel; revision 2 has it. */
		@Bean
		SingleEventUpcaster noteTakenUpcaster() {
			return new SingleEventUpcaster() {
				@Override
				protected boolean canUpcast(IntermediateEventRepresentation representation) {
					return representation.getType().equals(new SimpleSerializedType(NOTE_TYPE, "1"));
				}

				@Override
				protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
					return representation.upcastPayload(new SimpleSerializedType(NOTE_TYPE, "2"), JsonNode.class,
							(payload) -> ((ObjectNode) payload).put("channel", "unknown"));
				}
			};
		}

	}

}
