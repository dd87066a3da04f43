package com.gemetrics.command.flip;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.Subscribers;
import com.gemetrics.platform.subscription.EntitlementLookup;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptorSupport;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flips over real HTTP against the real PostgreSQL and Redis, as real users with real
 * access tokens: the consistency tokens against the event store's own sequence numbers,
 * ownership, deletion, and the CSV import's all-or-nothing and idempotence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=1h" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class FlipsIT {

	static final int ITEM = 4151;

	static final int OTHER_ITEM = 11832;

	static final String PASSWORD = "correct horse battery staple";

	static final String OPENED = "com.gemetrics.api.flip.FlipOpenedEvent";

	static final String SOLD = "com.gemetrics.api.flip.FlipSaleRecordedEvent";

	static final String IMPORT_HEADER = "external_id,item_id,account,quantity,buy_price,bought_at,sold_quantity,sell_price,sold_at\n";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	CommandBus commandBus;

	@Autowired
	EntitlementLookup entitlements;

	private final Instant boughtAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

	@BeforeEach
	void catalogue() {
		for (int item : new int[] { ITEM, OTHER_ITEM }) {
			this.jdbc.update("""
					INSERT INTO market.catalog_item (item_id, name, members, synced_at)
					VALUES (?, 'Item ' || ?, true, now()) ON CONFLICT (item_id) DO NOTHING
					""", item, item);
		}
	}

	@Test
	void opensAFlipAndRecordsASale() {
		String bearer = newUser();

		ResponseEntity<JsonNode> opened = send(bearer, HttpMethod.POST, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 100, "price", 1_500_000, "boughtAt", this.boughtAt.toString()));

		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = opened.getBody().get("id").textValue();
		assertThat(opened.getHeaders().getLocation()).hasToString("/api/v1/flips/" + id);
		ResponseEntity<JsonNode> sale = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/sales", sale(40));
		assertThat(sale.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(sale.getBody().get("id").textValue()).isNotBlank();
		assertThat(eventTypes(id)).containsExactly(OPENED, SOLD);
		assertThat(this.jdbc.queryForObject(
				"SELECT payload->>'account' FROM event_log WHERE aggregate_identifier = ? AND sequence_number = 0",
				String.class, id))
			.isEqualTo("default");
	}

	@Test
	void everyCommandAnswersTheSequenceNumberOfItsLastStoredEvent() {
		String bearer = newUser();
		ResponseEntity<JsonNode> opened = send(bearer, HttpMethod.POST, "/api/v1/flips", Map.of("itemId", ITEM,
				"quantity", 100, "price", 1_500_000, "boughtAt", this.boughtAt.toString(), "account", "Iron main"));
		String id = opened.getBody().get("id").textValue();
		assertTokenIsStored(opened, id, 0, OPENED);

		ResponseEntity<JsonNode> sale = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/sales", sale(40));
		assertTokenIsStored(sale, id, 1, SOLD);
		String saleId = sale.getBody().get("id").textValue();

		ResponseEntity<JsonNode> buyCorrected = send(bearer, HttpMethod.PUT, "/api/v1/flips/" + id,
				Map.of("quantity", 90, "price", 1_400_000, "boughtAt", this.boughtAt.minusSeconds(60).toString()));
		assertThat(buyCorrected.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertTokenIsStored(buyCorrected, id, 2, "com.gemetrics.api.flip.FlipBuyCorrectedEvent");

		Map<String, Object> correctedSale = Map.of("quantity", 50, "price", 1_650_000, "soldAt",
				this.boughtAt.plusSeconds(120).toString());
		ResponseEntity<JsonNode> saleCorrected = send(bearer, HttpMethod.PUT,
				"/api/v1/flips/" + id + "/sales/" + saleId, correctedSale);
		assertThat(saleCorrected.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertTokenIsStored(saleCorrected, id, 3, "com.gemetrics.api.flip.FlipSaleCorrectedEvent");

		ResponseEntity<JsonNode> sameAgain = send(bearer, HttpMethod.PUT, "/api/v1/flips/" + id + "/sales/" + saleId,
				correctedSale);
		assertThat(sameAgain.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertTokenIsStored(sameAgain, id, 3, "com.gemetrics.api.flip.FlipSaleCorrectedEvent");

		ResponseEntity<JsonNode> writtenOff = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/write-off", null);
		assertThat(writtenOff.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertTokenIsStored(writtenOff, id, 4, "com.gemetrics.api.flip.FlipWrittenOffEvent");
		assertThat(this.jdbc.queryForObject(
				"SELECT (payload->>'quantity')::bigint FROM event_log WHERE aggregate_identifier = ? AND sequence_number = 4",
				Long.class, id))
			.isEqualTo(40L);

		ResponseEntity<JsonNode> deleted = send(bearer, HttpMethod.DELETE, "/api/v1/flips/" + id, null);
		assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		ConsistencyToken token = ConsistencyToken.parse(deleted.getHeaders().getFirst(ConsistencyToken.HEADER));
		assertThat(token).isEqualTo(new ConsistencyToken("flip", id, 5));
		assertThat(lastStoredSequence(id)).isEqualTo(5);
		assertThat(eventTypes(id)).last().isEqualTo("com.gemetrics.api.flip.FlipDeletedEvent");
	}

	@Test
	void refusesToOversellAndStoresNothing() {
		String bearer = newUser();
		String id = open(bearer, 10);

		ResponseEntity<JsonNode> oversold = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/sales", sale(11));

		assertThat(oversold.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(oversold.getBody().get("code").textValue()).isEqualTo("OVERSOLD");
		assertThat(eventTypes(id)).containsExactly(OPENED);
	}

	@Test
	void answersTheLifecycleRulesWithTheirCodes() {
		String bearer = newUser();
		String id = open(bearer, 10);
		send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/sales", sale(4));

		ResponseEntity<JsonNode> unknownSale = send(bearer, HttpMethod.PUT,
				"/api/v1/flips/" + id + "/sales/" + UUID.randomUUID(), sale(1));
		ResponseEntity<JsonNode> badAccount = send(bearer, HttpMethod.POST, "/api/v1/flips", Map.of("itemId", ITEM,
				"quantity", 1, "price", 1, "boughtAt", this.boughtAt.toString(), "account", "x".repeat(33)));
		ResponseEntity<JsonNode> writtenOff = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/write-off", null);
		ResponseEntity<JsonNode> closed = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/sales", sale(1));
		ResponseEntity<JsonNode> again = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/write-off", null);

		assertThat(unknownSale.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknownSale.getBody().get("code").textValue()).isEqualTo("SALE_NOT_FOUND");
		assertThat(badAccount.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(badAccount.getBody().get("code").textValue()).isEqualTo("INVALID_ACCOUNT");
		assertThat(writtenOff.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(closed.getBody().get("code").textValue()).isEqualTo("FLIP_CLOSED");
		assertThat(again.getBody().get("code").textValue()).isEqualTo("FLIP_CLOSED");
		assertThat(eventTypes(id)).hasSize(3);
	}

	@Test
	void anotherUsersFlipIsNotFoundOnEveryEndpoint() {
		String owner = newUser();
		String id = open(owner, 10);
		String saleId = send(owner, HttpMethod.POST, "/api/v1/flips/" + id + "/sales", sale(1)).getBody()
			.get("id")
			.textValue();
		String stranger = newUser();

		for (String flip : List.of(id, UUID.randomUUID().toString())) {
			for (ResponseEntity<JsonNode> response : everyCommand(stranger, flip, saleId)) {
				assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(response.getBody().get("code").textValue()).isEqualTo("FLIP_NOT_FOUND");
			}
		}
		assertThat(eventTypes(id)).containsExactly(OPENED, SOLD);
	}

	@Test
	void aDeletedFlipIsNotFoundForAnyLaterCommand() {
		String bearer = newUser();
		String id = open(bearer, 10);
		String saleId = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/sales", sale(1)).getBody()
			.get("id")
			.textValue();

		assertThat(send(bearer, HttpMethod.DELETE, "/api/v1/flips/" + id, null).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		for (ResponseEntity<JsonNode> response : everyCommand(bearer, id, saleId)) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(response.getBody().get("code").textValue()).isEqualTo("FLIP_NOT_FOUND");
		}
		assertThat(eventTypes(id)).containsExactly(OPENED, SOLD, "com.gemetrics.api.flip.FlipDeletedEvent");
	}

	@Test
	void refusesAnItemMissingFromTheCatalogue() {
		ResponseEntity<JsonNode> response = send(newUser(), HttpMethod.POST, "/api/v1/flips",
				Map.of("itemId", 999_999_999, "quantity", 1, "price", 100, "boughtAt", this.boughtAt.toString()));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(response.getBody().get("code").textValue()).isEqualTo("UNKNOWN_ITEM");
	}

	@Test
	void acceptsAnItemOnceACatalogueSyncAddsIt() {
		int newItem = 999_999_001;
		String bearer = newUser();
		Map<String, Object> flip = Map.of("itemId", newItem, "quantity", 1, "price", 100, "boughtAt",
				this.boughtAt.toString());
		assertThat(send(bearer, HttpMethod.POST, "/api/v1/flips", flip).getStatusCode())
			.isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

		this.jdbc.update("""
				INSERT INTO market.catalog_item (item_id, name, members, synced_at)
				VALUES (?, 'Added later', false, now())
				""", newItem);

		assertThat(send(bearer, HttpMethod.POST, "/api/v1/flips", flip).getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void refusesABadBody() {
		String bearer = newUser();

		ResponseEntity<JsonNode> missing = send(bearer, HttpMethod.POST, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 1));
		ResponseEntity<JsonNode> malformed = exchange(bearer, HttpMethod.POST, "/api/v1/flips", "{\"itemId\": ",
				MediaType.APPLICATION_JSON);
		ResponseEntity<JsonNode> badTime = send(bearer, HttpMethod.POST, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 1, "price", 100, "boughtAt", "yesterday"));

		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(badTime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void refusesAnonymousCallers() {
		ResponseEntity<JsonNode> response = send(null, HttpMethod.POST, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 1, "price", 100, "boughtAt", this.boughtAt.toString()));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void importsAsManyRowsAsThePlanAllowsAndRefusesAFileWithMore() {
		String free = newUser();
		String premium = newUser();
		Subscribers.premium(this.jdbc, this.entitlements, userOf(premium).toString());
		StringBuilder fileOf200 = new StringBuilder(IMPORT_HEADER);
		for (int i = 1; i <= 200; i++) {
			fileOf200.append(row("r-" + i, ITEM, "", 1, 100, 0, null, null, null));
		}
		String fileOf201 = fileOf200 + row("r-201", ITEM, "", 1, 100, 0, null, null, null);

		ResponseEntity<JsonNode> tooMany = importCsv(free, fileOf201);
		ResponseEntity<JsonNode> justEnough = importCsv(free, fileOf200.toString());
		ResponseEntity<JsonNode> premiumImport = importCsv(premium, fileOf201);

		assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(tooMany.getBody().get("code").textValue()).isEqualTo("IMPORT_INVALID");
		JsonNode error = tooMany.getBody().get("errors").get(0);
		assertThat(error.get("code").textValue()).isEqualTo("TOO_MANY_ROWS");
		assertThat(error.get("line").longValue()).isEqualTo(202);
		assertThat(error.get("detail").textValue()).contains("200 rows on the free plan (premium: 2000)");
		assertThat(justEnough.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(justEnough.getBody().get("imported").intValue()).isEqualTo(200);
		assertThat(premiumImport.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(premiumImport.getBody().get("imported").intValue()).isEqualTo(201);
	}

	@Test
	void importsAFileAndAReImportCreatesNothingNew() {
		String bearer = newUser();
		UserId user = userOf(bearer);
		String file = IMPORT_HEADER + row("a-1", ITEM, "Iron main", 100, 1_500_000, 0, 100, 1_600_000, 60)
				+ row("a-2", OTHER_ITEM, "", 5, 14_000_000, -60, null, null, null)
				+ row("a-3", ITEM, "alt", 10, 1_400_000, 0, 4, 1_450_000, 30);

		ResponseEntity<JsonNode> first = importCsv(bearer, file);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody().get("imported").intValue()).isEqualTo(3);
		assertThat(first.getBody().get("skipped").intValue()).isZero();
		List<String> ids = ids(user, "a-1", "a-2", "a-3");
		assertThat(first.getBody().get("flips").findValuesAsText("id")).containsExactlyElementsOf(ids);
		assertThat(first.getBody().get("flips").findValuesAsText("status")).containsOnly("IMPORTED");
		assertThat(eventTypes(ids.get(0))).containsExactly(OPENED, SOLD);
		assertThat(eventTypes(ids.get(1))).containsExactly(OPENED);
		assertThat(eventTypes(ids.get(2))).containsExactly(OPENED, SOLD);
		assertThat(this.jdbc.queryForObject(
				"SELECT payload->>'account' FROM event_log WHERE aggregate_identifier = ? AND sequence_number = 0",
				String.class, ids.get(1)))
			.isEqualTo("default");
		for (JsonNode flip : first.getBody().get("flips")) {
			ConsistencyToken token = ConsistencyToken.parse(flip.get("consistencyToken").textValue());
			assertThat(token.sequence()).isEqualTo(lastStoredSequence(flip.get("id").textValue()));
		}
		assertThat(first.getHeaders().getFirst(ConsistencyToken.HEADER))
			.isEqualTo(first.getBody().get("consistencyToken").textValue())
			.isEqualTo("flip." + ids.get(2) + ".1");

		ResponseEntity<JsonNode> again = importCsv(bearer, file + row("a-4", ITEM, "", 1, 100, 0, null, null, null));

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().get("imported").intValue()).isEqualTo(1);
		assertThat(again.getBody().get("skipped").intValue()).isEqualTo(3);
		assertThat(again.getBody().get("flips").findValuesAsText("status")).containsExactly("SKIPPED", "SKIPPED",
				"SKIPPED", "IMPORTED");
		assertThat(again.getBody().get("flips").get(0).get("consistencyToken").textValue())
			.isEqualTo("flip." + ids.get(0) + ".1");
		assertThat(eventTypes(ids.get(0))).containsExactly(OPENED, SOLD);
		assertThat(eventTypes(ids(user, "a-4").get(0))).containsExactly(OPENED);

		String stranger = newUser();
		ResponseEntity<JsonNode> theirs = importCsv(stranger, file);
		assertThat(theirs.getBody().get("imported").intValue()).as("external ids are per user").isEqualTo(3);
	}

	@Test
	void aBadRowIsReportedWithItsLineAndTheFileStoresNothing() {
		String bearer = newUser();
		UserId user = userOf(bearer);
		String file = IMPORT_HEADER + row("b-1", ITEM, "", 10, 100, 0, 5, 120, 10)
				+ row("b-2", ITEM, "", 10, 100, 0, 11, 120, 10)
				+ row("b-3", 999_999_999, "", 1, 100, 0, null, null, null)
				+ row("b-4", ITEM, "", 1, 100, 0, null, null, null);

		ResponseEntity<JsonNode> refused = importCsv(bearer, file);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(refused.getBody().get("code").textValue()).isEqualTo("IMPORT_INVALID");
		assertThat(refused.getBody().get("errorCount").intValue()).isEqualTo(2);
		JsonNode errors = refused.getBody().get("errors");
		assertThat(errors.get(0).get("line").intValue()).isEqualTo(3);
		assertThat(errors.get(0).get("code").textValue()).isEqualTo("OVERSOLD");
		assertThat(errors.get(0).get("column").textValue()).isEqualTo("sold_quantity");
		assertThat(errors.get(1).get("line").intValue()).isEqualTo(4);
		assertThat(errors.get(1).get("code").textValue()).isEqualTo("UNKNOWN_ITEM");
		for (String id : ids(user, "b-1", "b-2", "b-3", "b-4")) {
			assertThat(eventTypes(id)).isEmpty();
		}
	}

	@Test
	void refusesTheAbsurdFlipsOfIssue8With400AndStoresNothing() {
		String bearer = newUser();
		UserId user = userOf(bearer);
		Map<String, Object> longAgo = Map.of("itemId", ITEM, "quantity", 1, "price", 100, "boughtAt",
				"-3000-01-01T00:00:00Z");
		Map<String, Object> sumOverflows = Map.of("itemId", ITEM, "quantity", 4_000_000_000_000_000_000L, "price", 2,
				"boughtAt", this.boughtAt.toString());
		Map<String, Object> future = Map.of("itemId", ITEM, "quantity", 1, "price", 100, "boughtAt",
				Instant.now().plus(GeLimits.MAX_CLOCK_SKEW).plusSeconds(600).toString());

		for (Map<String, Object> body : List.of(longAgo, sumOverflows, future)) {
			ResponseEntity<JsonNode> refused = send(bearer, HttpMethod.POST, "/api/v1/flips", body);
			assertThat(refused.getStatusCode()).as("%s", body).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
			assertThat(refused.getBody().get("code").textValue()).isEqualTo("VALIDATION_FAILED");
		}
		String id = open(bearer, 10);
		ResponseEntity<JsonNode> bigSale = send(bearer, HttpMethod.POST, "/api/v1/flips/" + id + "/sales",
				Map.of("quantity", 2_000_000_000_000_000_000L, "price", 4, "soldAt", this.boughtAt.toString()));
		assertThat(bigSale.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(bigSale.getBody().get("errors").get(0).get("field").textValue()).isEqualTo("quantity");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM event_log WHERE payload_type LIKE 'com.gemetrics.api.flip.%' AND payload::text LIKE ?",
				Long.class, "%" + user + "%"))
			.as("only the one valid flip is stored")
			.isEqualTo(1);
	}

	@Test
	void anImportRowOutsideTheGamesBoundsIsReportedWithItsLineAndTheFileStoresNothing() {
		String bearer = newUser();
		UserId user = userOf(bearer);
		String file = IMPORT_HEADER + row("c-1", ITEM, "", 10, 100, 0, 5, 120, 10)
				+ row("c-2", ITEM, "", 2_147_483_648L, 100, 0, null, null, null) + "c-3," + ITEM
				+ ",,1,100,2013-02-21T23:59:59Z,,,\n" + row("c-4", ITEM, "", 1, 100, 0, 1, 2_147_483_647, 10) + "c-5,"
				+ ITEM + ",,1,100," + this.boughtAt + ",1,100,+20000-01-01T00:00:00Z\n";

		ResponseEntity<JsonNode> refused = importCsv(bearer, file);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(refused.getBody().get("code").textValue()).isEqualTo("IMPORT_INVALID");
		JsonNode errors = refused.getBody().get("errors");
		assertThat(refused.getBody().get("errorCount").intValue()).as("%s", errors).isEqualTo(3);
		assertThat(errors.get(0).get("line").intValue()).isEqualTo(3);
		assertThat(errors.get(0).get("code").textValue()).isEqualTo("QUANTITY_TOO_LARGE");
		assertThat(errors.get(0).get("column").textValue()).isEqualTo("quantity");
		assertThat(errors.get(1).get("line").intValue()).isEqualTo(4);
		assertThat(errors.get(1).get("code").textValue()).isEqualTo("TIME_BEFORE_GE_OPENED");
		assertThat(errors.get(1).get("column").textValue()).isEqualTo("bought_at");
		assertThat(errors.get(2).get("line").intValue()).isEqualTo(6);
		assertThat(errors.get(2).get("code").textValue()).isEqualTo("TIME_IN_FUTURE");
		assertThat(errors.get(2).get("column").textValue()).isEqualTo("sold_at");
		for (String id : ids(user, "c-1", "c-2", "c-3", "c-4", "c-5")) {
			assertThat(eventTypes(id)).isEmpty();
		}
	}

	@Test
	void aFailureAtALateRowRollsBackTheRowsBeforeIt() {
		String bearer = newUser();
		UserId user = userOf(bearer);
		long failingPrice = 1_234_567;
		List<Object> handled = new CopyOnWriteArrayList<>();
		@SuppressWarnings("unchecked")
		MessageHandlerInterceptorSupport<CommandMessage<?>> interceptors = (MessageHandlerInterceptorSupport<CommandMessage<?>>) this.commandBus;
		Registration registration = interceptors.registerHandlerInterceptor((unitOfWork, chain) -> {
			Object command = unitOfWork.getMessage().getPayload();
			if (command instanceof OpenFlipCommand open && open.userId().equals(user)) {
				handled.add(open.flipId());
				if (open.pricePerItem() == failingPrice) {
					throw new ConcurrencyException("a concurrent import of the same row");
				}
			}
			return chain.proceed();
		});
		try {
			String file = IMPORT_HEADER + row("c-1", ITEM, "", 10, 100, 0, 5, 120, 10)
					+ row("c-2", ITEM, "", 10, 100, 0, null, null, null)
					+ row("c-3", ITEM, "", 10, failingPrice, 0, null, null, null)
					+ row("c-4", ITEM, "", 10, 100, 0, null, null, null);

			ResponseEntity<JsonNode> conflict = importCsv(bearer, file);

			assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat(conflict.getBody().get("code").textValue()).isEqualTo("IMPORT_CONFLICT");
		}
		finally {
			registration.cancel();
		}
		List<String> ids = ids(user, "c-1", "c-2", "c-3", "c-4");
		assertThat(handled).extracting(Object::toString).containsExactlyElementsOf(ids.subList(0, 3));
		for (String id : ids) {
			assertThat(eventTypes(id)).as("events of %s", id).isEmpty();
		}

		ResponseEntity<JsonNode> retried = importCsv(bearer,
				IMPORT_HEADER + row("c-1", ITEM, "", 10, 100, 0, 5, 120, 10));
		assertThat(retried.getBody().get("imported").intValue()).isEqualTo(1);
		assertThat(eventTypes(ids.get(0))).containsExactly(OPENED, SOLD);
	}

	@Test
	void refusesAnImportThatIsNotUtf8OrNotCsv() {
		String bearer = newUser();
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(bearer);
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		byte[] latin1 = (IMPORT_HEADER + "é,4151,,1,1,2026-01-10T12:00:00Z,,,\n").getBytes(StandardCharsets.ISO_8859_1);

		ResponseEntity<JsonNode> notUtf8 = this.http.postForEntity("/api/v1/flips/imports",
				new HttpEntity<>(latin1, headers), JsonNode.class);
		ResponseEntity<JsonNode> json = exchange(bearer, HttpMethod.POST, "/api/v1/flips/imports", "{}",
				MediaType.APPLICATION_JSON);

		assertThat(notUtf8.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(notUtf8.getBody().get("code").textValue()).isEqualTo("INVALID_ENCODING");
		assertThat(json.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	private List<ResponseEntity<JsonNode>> everyCommand(String bearer, String flipId, String saleId) {
		String base = "/api/v1/flips/" + flipId;
		List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
		responses.add(send(bearer, HttpMethod.POST, base + "/sales", sale(1)));
		responses.add(send(bearer, HttpMethod.PUT, base,
				Map.of("quantity", 10, "price", 1_500_000, "boughtAt", this.boughtAt.toString())));
		responses.add(send(bearer, HttpMethod.PUT, base + "/sales/" + saleId, sale(1)));
		responses.add(send(bearer, HttpMethod.POST, base + "/write-off", null));
		responses.add(send(bearer, HttpMethod.DELETE, base, null));
		return responses;
	}

	private void assertTokenIsStored(ResponseEntity<JsonNode> response, String flipId, long sequence,
			String payloadType) {
		String body = response.getBody().get("consistencyToken").textValue();
		assertThat(response.getHeaders().getFirst(ConsistencyToken.HEADER)).isEqualTo(body);
		ConsistencyToken token = ConsistencyToken.parse(body);
		assertThat(token).isEqualTo(new ConsistencyToken(ConsistencyToken.FLIP, flipId, sequence));
		assertThat(lastStoredSequence(flipId)).isEqualTo(sequence);
		assertThat(this.jdbc.queryForObject(
				"SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
				String.class, flipId, sequence))
			.isEqualTo(payloadType);
	}

	private long lastStoredSequence(String flipId) {
		return this.jdbc.queryForObject(
				"SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
				flipId);
	}

	private Map<String, Object> sale(long quantity) {
		return Map.of("quantity", quantity, "price", 1_600_000, "soldAt", this.boughtAt.plusSeconds(60).toString());
	}

	/**
	 * One import line; times in seconds after {@link #boughtAt}; null sale values stay
	 * empty.
	 */
	private String row(String externalId, int itemId, String account, long quantity, long buyPrice, long boughtAfter,
			Integer soldQuantity, Integer sellPrice, Integer soldAfter) {
		Instant bought = this.boughtAt.plusSeconds(boughtAfter);
		return String.join(",", externalId, Integer.toString(itemId), account, Long.toString(quantity),
				Long.toString(buyPrice), bought.toString(), (soldQuantity != null) ? soldQuantity.toString() : "",
				(sellPrice != null) ? sellPrice.toString() : "",
				(soldAfter != null) ? bought.plusSeconds(soldAfter).toString() : "") + "\n";
	}

	private static List<String> ids(UserId user, String... externalIds) {
		List<String> ids = new ArrayList<>();
		for (String externalId : externalIds) {
			FlipId id = new FlipId(
					UUID.nameUUIDFromBytes(("import:" + user + ":" + externalId).getBytes(StandardCharsets.UTF_8)));
			ids.add(id.toString());
		}
		return ids;
	}

	private UserId userOf(String bearer) {
		try {
			byte[] claims = Base64.getUrlDecoder().decode(bearer.split("\\.")[1]);
			return UserId.of(this.json.readTree(claims).get("sub").textValue());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String open(String bearer, long quantity) {
		ResponseEntity<JsonNode> opened = send(bearer, HttpMethod.POST, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", quantity, "price", 1_500_000, "boughtAt", this.boughtAt.toString()));
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return opened.getBody().get("id").textValue();
	}

	private String newUser() {
		String email = "flipper-" + UUID.randomUUID() + "@example.test";
		assertThat(send(null, HttpMethod.POST, "/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Flipper"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> login = send(null, HttpMethod.POST, "/api/v1/auth/login",
				Map.of("email", email, "password", PASSWORD));
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		return login.getBody().get("accessToken").textValue();
	}

	private ResponseEntity<JsonNode> importCsv(String bearer, String csv) {
		return exchange(bearer, HttpMethod.POST, "/api/v1/flips/imports", csv, MediaType.parseMediaType("text/csv"));
	}

	private ResponseEntity<JsonNode> send(String bearer, HttpMethod method, String path, Map<String, ?> body) {
		try {
			return exchange(bearer, method, path, (body != null) ? this.json.writeValueAsString(body) : null,
					MediaType.APPLICATION_JSON);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<JsonNode> exchange(String bearer, HttpMethod method, String path, String body,
			MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		if (body != null) {
			headers.setContentType(type);
		}
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private List<String> eventTypes(String aggregateId) {
		return this.jdbc.queryForList(
				"SELECT payload_type FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
				String.class, aggregateId);
	}

}
