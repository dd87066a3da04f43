package com.gemetrics.loadtest.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.gemetrics.loadtest.fuzz.FuzzRequest.App;
import com.gemetrics.loadtest.fuzz.FuzzRequest.Caller;

/**
 * Makes hostile requests from the operations of the apps' OpenAPI documents: each request
 * is a pure function of the run's seed, its index and the known ids, so a failure
 * reproduces. Per request it picks an operation, a caller (anonymous, the owner, a
 * stranger with the owner's ids, an admin, a forged token) and one kind of hostility:
 * <ul>
 * <li>{@code valid}: a well-formed request, to reach the aggregates and projections;</li>
 * <li>{@code boundary}: one body field at a boundary (0, -1, int/long limits and one past
 * them, 1e309, NaN, huge, NUL, control and unpaired-surrogate strings, dates before the
 * game or past the year 9999, ...);</li>
 * <li>{@code wrong-type}, {@code missing-field}, {@code extra-field};</li>
 * <li>{@code malformed-json}, {@code deep-json}, {@code invalid-utf8};</li>
 * <li>{@code content-type}, {@code accept}, {@code oversized} (past the body caps);</li>
 * <li>{@code path-param}, {@code query-param} (non-numeric, huge, UUID garbage, raw
 * escapes such as {@code %00}, {@code %2F}, {@code %ZZ});</li>
 * <li>{@code auth-header}, {@code header} (consistency tokens, forwarded-for, chunked
 * bodies, huge headers), {@code method} (one the path does not serve),
 * {@code unknown-path};</li>
 * <li>{@code csv}: broken CSV for the import.</li>
 * </ul>
 */
public final class HostileRequests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String RAW = "@@raw@@";

	static final List<String> KINDS = List.of("valid", "boundary", "wrong-type", "missing-field", "extra-field",
			"malformed-json", "deep-json", "invalid-utf8", "content-type", "accept", "oversized", "path-param",
			"query-param", "auth-header", "header", "method", "unknown-path", "csv");

	private static final int[] KIND_WEIGHTS = { 12, 14, 8, 6, 5, 6, 2, 2, 5, 3, 3, 9, 7, 5, 5, 3, 2, 3 };

	static final List<String> NUMBERS = List.of("0", "-1", "1", "2147483647", "2147483648", "-2147483648",
			"-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
			"1e309", "-1e309", "1.5", "1e3", "-0", "0.0", "123456789012345678901234567890", "NaN", "Infinity",
			"-Infinity", "0x10", "+1", "00012", "4.9e-324", "\"9223372036854775808\"", "\"1e309\"", "\"NaN\"",
			"\"12abc\"", "\"\"", "true", "null");

	static final List<String> STRINGS = List.of("", " ", "\u0000", "nul\u0000inside", "\u0001\u001f\u007f", "\ud800",
			"\udfff\ud800", "\u202eevil", "\u200b", "\uffff", "😀🔥💰", "' OR '1'='1", "\"; DROP TABLE x;--",
			"<script>alert(1)</script>", "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "%s%n%x", "null",
			"\r\nX-Injected: 1", "a\\b", "ＡＢＣ", "ß".repeat(40), "é".repeat(33), "x".repeat(65), "y".repeat(300),
			"z".repeat(5_000), "w".repeat(60_000), "PRICE_AT_OR_ABOVE ", "price_at_or_above", "MAIN", "main!",
			"https://127.0.0.1/hook", "http://example.com/hook", "https://[::1]/x", "https://user:pw@10.0.0.1/",
			"https://" + "h".repeat(3_000) + ".com/", "file:///etc/passwd", "javascript:alert(1)", "not-an-email",
			"a@b", "@example.com", "fuzz@" + "d".repeat(300) + ".com");

	static final List<String> DATES = List.of("0000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
			"+999999999-12-31T23:59:59Z", "+1000000000-01-01T00:00:00Z", "2013-02-21T23:59:59Z", "2013-02-22T00:00:00Z",
			"1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
			"2026-13-45T99:99:99Z", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00:00+14:00",
			"2026-01-01T00:00:00-12:00", "1748240400", "253402300800000", "now", "", "2026-01-01T00:00:00.123456789Z",
			"T", "1000-01-01T00:00:00Z", "2026-W01-1");

	static final List<String> PATH_VALUES = List.of("0", "-1", "1", "2147483648", "99999999999999999999", "1.5", "abc",
			"1e3", " 1", "NaN", "0x1F", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
			"0000000000000000000000000000000000", "not-a-uuid", "123e4567-e89b-12d3-a456-42661417400G",
			"123e4567-e89b-12d3-a456-4266141740000", "é", "😀", "\u0000", "..", ".", "a/b", "a;b", "x".repeat(5_000),
			"user", "admin", "ADMIN", "auditor", "root", "%", "'", "\"");

	static final List<String> RAW_PATH_VALUES = List.of("%00", "..%2F..%2Fetc", "%2e%2e", "%ZZ", "%", "%C0%AE",
			"%FF%FE", ";jsessionid=abc", "%5C", "..;", "%0d%0aX:1", "a%23b", "%25", "%u0041");

	private final List<ApiOperation> operations;

	private final Targets targets;

	private final long seed;

	private final Instant now;

	/**
	 * @param operations what to aim at
	 * @param targets the real ids
	 * @param seed the run's seed
	 */
	public HostileRequests(List<ApiOperation> operations, Targets targets, long seed) {
		this.operations = List.copyOf(operations);
		this.targets = targets;
		this.seed = seed;
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	/** The request numbered {@code index} of this run. */
	public FuzzRequest request(long index) {
		SplittableRandom random = new SplittableRandom(this.seed ^ (index * 0x9E3779B97F4A7C15L));
		ApiOperation operation = this.operations.get(random.nextInt(this.operations.size()));
		Caller caller = caller(random);
		String kind = pick(random, KINDS, KIND_WEIGHTS);
		return new Builder(index, operation, caller, random).build(kind);
	}

	private static Caller caller(SplittableRandom random) {
		int roll = random.nextInt(100);
		if (roll < 20) {
			return Caller.ANONYMOUS;
		}
		if (roll < 55) {
			return Caller.OWNER;
		}
		if (roll < 75) {
			return Caller.STRANGER;
		}
		return (roll < 87) ? Caller.ADMIN : Caller.FORGED;
	}

	private static String pick(SplittableRandom random, List<String> values, int[] weights) {
		int total = 0;
		for (int weight : weights) {
			total += weight;
		}
		int roll = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			roll -= weights[i];
			if (roll < 0) {
				return values.get(i);
			}
		}
		return values.get(values.size() - 1);
	}

	private static <T> T any(SplittableRandom random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** Builds one request; each method applies one kind of hostility. */
	private final class Builder {

		private final long index;

		private final ApiOperation operation;

		private Caller caller;

		private final SplittableRandom random;

		private String method;

		private final Map<String, String> pathValues = new java.util.LinkedHashMap<>();

		private final List<Map.Entry<String, String>> query = new ArrayList<>();

		private final List<Map.Entry<String, String>> headers = new ArrayList<>();

		private byte[] body;

		private String contentType;

		private String path;

		private String detail = "";

		Builder(long index, ApiOperation operation, Caller caller, SplittableRandom random) {
			this.index = index;
			this.operation = operation;
			this.caller = caller;
			this.random = random;
			this.method = operation.method();
			this.path = operation.path();
			for (ApiOperation.Parameter parameter : operation.in("path")) {
				this.pathValues.put(parameter.name(), encode(validValue(parameter.name(), parameter.schema())));
			}
			for (ApiOperation.Parameter parameter : operation.in("query")) {
				if (parameter.required() || random.nextInt(3) == 0) {
					this.query.add(Map.entry(parameter.name(), validValue(parameter.name(), parameter.schema())));
				}
			}
			for (ApiOperation.Parameter parameter : operation.in("header")) {
				if (random.nextInt(4) == 0) {
					this.headers.add(Map.entry(parameter.name(), validValue(parameter.name(), parameter.schema())));
				}
			}
			if (operation.bodyType() != null) {
				this.contentType = operation.bodyType();
				this.body = operation.bodyType().contains("csv") ? validCsv(1 + random.nextInt(3))
						: bytes(validJson(operation.bodySchema(), "", 0));
			}
		}

		FuzzRequest build(String kind) {
			String applied = switch (kind) {
				case "boundary" -> (this.body != null && isJsonBody()) ? boundary() : queryParam();
				case "wrong-type" -> (this.body != null && isJsonBody()) ? wrongType() : queryParam();
				case "missing-field" -> (this.body != null && isJsonBody()) ? missingField() : pathParam();
				case "extra-field" -> (this.body != null && isJsonBody()) ? extraField() : queryParam();
				case "malformed-json" -> malformedJson();
				case "deep-json" -> deepJson();
				case "invalid-utf8" -> invalidUtf8();
				case "content-type" -> contentType();
				case "accept" -> accept();
				case "oversized" -> oversized();
				case "path-param" -> pathParam();
				case "query-param" -> queryParam();
				case "auth-header" -> authHeader();
				case "header" -> header();
				case "method" -> method();
				case "unknown-path" -> unknownPath();
				case "csv" -> (this.contentType != null && this.contentType.contains("csv")) ? csv()
						: (this.body != null && isJsonBody()) ? boundary() : queryParam();
				default -> "valid";
			};
			String target = target();
			List<Map.Entry<String, String>> allHeaders = new ArrayList<>(this.headers);
			if (this.contentType != null && this.body != null) {
				allHeaders.add(0, Map.entry("Content-Type", this.contentType));
			}
			return new FuzzRequest(this.index, this.operation.key(), this.operation.app(), this.method, target,
					List.copyOf(allHeaders), this.body, this.caller,
					applied + (this.detail.isEmpty() ? "" : ": " + this.detail));
		}

		private boolean isJsonBody() {
			return this.contentType != null && this.contentType.contains("json");
		}

		private String target() {
			String resolved = this.path;
			for (Map.Entry<String, String> value : this.pathValues.entrySet()) {
				resolved = resolved.replace("{" + value.getKey() + "}", value.getValue());
			}
			StringBuilder target = new StringBuilder(resolved);
			char separator = '?';
			for (Map.Entry<String, String> parameter : this.query) {
				target.append(separator).append(encode(parameter.getKey())).append('=');
				String value = parameter.getValue();
				target.append(value.startsWith(RAW) ? value.substring(RAW.length()) : encode(value));
				separator = '&';
			}
			return target.toString();
		}

		// --- kinds
		// ---------------------------------------------------------------------------

		private String boundary() {
			JsonNode tree = tree();
			List<String> fields = leafFields(tree, "");
			if (fields.isEmpty()) {
				return malformedJson();
			}
			String field = any(this.random, fields);
			JsonNode schema = schemaOf(field);
			String raw;
			if (schema != null && "integer".equals(schema.path("type").asText())
					|| schema != null && "number".equals(schema.path("type").asText())) {
				raw = any(this.random, NUMBERS);
			}
			else if (schema != null && "date-time".equals(schema.path("format").asText())) {
				raw = quote(any(this.random, DATES));
			}
			else if (this.random.nextInt(4) == 0) {
				raw = any(this.random, NUMBERS);
			}
			else {
				raw = quote(any(this.random, STRINGS));
			}
			this.body = bytes(replace(tree, field, raw));
			this.detail = field + "=" + abbreviate(raw);
			return "boundary";
		}

		private String wrongType() {
			JsonNode tree = tree();
			List<String> fields = allFields(tree, "");
			if (fields.isEmpty()) {
				return malformedJson();
			}
			String field = any(this.random, fields);
			String raw = any(this.random, List.of("{}", "[]", "[1,2]", "{\"a\":1}", "\"text\"", "123", "-5", "true",
					"false", "null", "[[[]]]", "{\"value\":{\"value\":1}}", "[" + "1,".repeat(10_000) + "1]"));
			this.body = bytes(replace(tree, field, raw));
			this.detail = field + "=" + abbreviate(raw);
			return "wrong-type";
		}

		private String missingField() {
			JsonNode tree = tree();
			if (this.random.nextInt(4) == 0 || !(tree instanceof ObjectNode)) {
				this.body = bytes("{}");
				this.detail = "all";
				return "missing-field";
			}
			List<String> fields = allFields(tree, "");
			if (fields.isEmpty()) {
				this.body = bytes("{}");
				return "missing-field";
			}
			String field = any(this.random, fields);
			this.body = bytes(replace(tree, field, null));
			this.detail = field;
			return "missing-field";
		}

		private String extraField() {
			JsonNode tree = tree();
			if (!(tree instanceof ObjectNode object)) {
				return malformedJson();
			}
			String name = any(this.random, List.of("userId", "id", "owner", "roles", "__proto__", "constructor",
					"@class", "admin", "flipId", "sequence", "x".repeat(2_000), "", "\u0000"));
			JsonNode value = any(this.random,
					List.<JsonNode>of(NODES.textNode(HostileRequests.this.targets.otherUserId(this.random)),
							NODES.arrayNode().add("ADMIN"), NODES.booleanNode(true), NODES.objectNode().put("a", 1),
							NODES.textNode("java.lang.Runtime"), NODES.numberNode(Long.MAX_VALUE)));
			object.set(name, value);
			this.body = bytes(write(object));
			this.detail = abbreviate(name);
			return "extra-field";
		}

		private String malformedJson() {
			String body = any(this.random,
					List.of("", "{", "}", "{\"a\":}", "[", "null", "[]", "\"text\"", "123", "{\"quantity\":1,}",
							"{'single':1}", "{\"a\":1}garbage", "{\"a\":1}{\"b\":2}", "{\"a\":\"\\uZZZZ\"}",
							"{\"a\":\"unterminated}", "{\"a\" 1}", "{a:1}", "{\"a\":01}", "{\"a\":1e999999999}",
							"{\"a\":" + "9".repeat(5_000) + "}", "{\"a\":-}", "\ufeff{}", "{\"a\":1,\"a\":2}",
							"{\"a\":\"\u0000\"}", "{\"a\":tru}", "{\"a\":[1,2}", "/* c */ {}", "{\"a\":1}\u0000"));
			this.body = bytes(body);
			if (this.contentType == null || !this.contentType.contains("json")) {
				this.contentType = "application/json";
			}
			this.detail = abbreviate(body);
			return "malformed-json";
		}

		private String deepJson() {
			int depth = any(this.random, List.of(33, 100, 5_000, 20_000));
			String open = this.random.nextBoolean() ? "[" : "{\"a\":";
			String close = open.equals("[") ? "]" : "}";
			this.body = bytes(open.repeat(depth) + "1" + close.repeat(depth));
			this.contentType = "application/json";
			this.detail = depth + " levels";
			return "deep-json";
		}

		private String invalidUtf8() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] start = "{\"email\":\"".getBytes(StandardCharsets.UTF_8);
			out.write(start, 0, start.length);
			byte[] garbage = any(this.random, List.of(new byte[] { (byte) 0xC3, 0x28 },
					new byte[] { (byte) 0xFF, (byte) 0xFE }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
					new byte[] { (byte) 0xC0, (byte) 0xAF }, new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80 }));
			out.write(garbage, 0, garbage.length);
			byte[] end = "\",\"password\":\"a\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
			out.write(end, 0, end.length);
			this.body = out.toByteArray();
			this.contentType = any(this.random,
					List.of("application/json", "text/csv", "application/json;charset=UTF-8"));
			return "invalid-utf8";
		}

		private String contentType() {
			if (this.body == null) {
				this.body = bytes("{}");
			}
			this.contentType = any(this.random,
					List.of("text/plain", "application/xml", "application/json; charset=ebcdic-xx",
							"application/json; charset=UTF-16", "application/x-www-form-urlencoded",
							"multipart/form-data", "multipart/form-data; boundary=x", "*/*", "application/", "garbage",
							"application/json;;;", "application/json; charset=", "text/csv; charset=nope", "text/csv",
							"application/json", "a/" + "b".repeat(10_000), "application/json, text/csv",
							"application/*+json"));
			if (this.random.nextInt(8) == 0) {
				this.contentType = null;
				this.detail = "none";
			}
			else {
				this.detail = abbreviate(this.contentType);
			}
			return "content-type";
		}

		private String accept() {
			String accept = any(this.random,
					List.of("application/xml", "text/html", "image/png", "*/*;q=abc", "application/json;q=0",
							"garbage/", "", "text/csv", "application/problem+xml", ";;;", "*/*",
							"application/json, */*;q=0.1"));
			this.headers.add(Map.entry("Accept", accept));
			this.detail = accept;
			return "accept";
		}

		private String oversized() {
			int size = any(this.random, List.of(65_537, 200_000, 2_100_000, 3_000_000));
			boolean csv = this.contentType != null && this.contentType.contains("csv");
			if (csv) {
				StringBuilder rows = new StringBuilder("external_id,item_id,quantity,buy_price,bought_at\n");
				int line = 0;
				while (rows.length() < size) {
					rows.append("t-").append(line++).append(",4151,1,100,2026-01-10T12:00:00Z\n");
				}
				this.body = bytes(rows.toString());
			}
			else {
				StringBuilder json = new StringBuilder("{\"email\":\"");
				json.append("a".repeat(size)).append("\"}");
				this.body = bytes(json.toString());
				if (this.contentType == null) {
					this.contentType = "application/json";
				}
			}
			this.detail = this.body.length + " bytes";
			return "oversized";
		}

		private String pathParam() {
			if (this.pathValues.isEmpty()) {
				return queryParam();
			}
			String name = any(this.random, new ArrayList<>(this.pathValues.keySet()));
			String value;
			if (this.random.nextInt(4) == 0) {
				value = any(this.random, RAW_PATH_VALUES);
			}
			else {
				value = encode(any(this.random, PATH_VALUES));
			}
			this.pathValues.put(name, value);
			this.detail = name + "=" + abbreviate(value);
			return "path-param";
		}

		private String queryParam() {
			List<ApiOperation.Parameter> parameters = this.operation.in("query");
			String name = parameters.isEmpty() || this.random.nextInt(5) == 0
					? any(this.random, List.of("limit", "cursor", "from", "x", "", "a".repeat(3_000)))
					: any(this.random, parameters).name();
			String value;
			int roll = this.random.nextInt(10);
			if (roll == 0) {
				value = RAW + any(this.random, RAW_PATH_VALUES);
			}
			else if (roll < 4) {
				value = any(this.random, DATES);
			}
			else if (roll < 7) {
				value = any(this.random, NUMBERS).replace("\"", "");
			}
			else {
				value = any(this.random, STRINGS);
			}
			this.query.removeIf((entry) -> entry.getKey().equals(name) && this.random.nextBoolean());
			this.query.add(Map.entry(name, value));
			if (this.random.nextInt(6) == 0) {
				this.query.add(Map.entry(name, any(this.random, NUMBERS).replace("\"", "")));
			}
			if (this.random.nextInt(20) == 0) {
				this.query.add(Map.entry("pad", "p".repeat(20_000)));
			}
			this.detail = abbreviate(name) + "=" + abbreviate(value);
			return "query-param";
		}

		private String authHeader() {
			this.caller = Caller.FORGED;
			String token = HostileRequests.this.targets.someToken(this.random);
			String[] parts = token.split("\\.");
			String tampered = (parts.length == 3) ? parts[0] + "." + parts[1] + "x." + parts[2] : token + "x";
			String value = any(this.random,
					List.of("Bearer", "Bearer ", "Bearer x.y.z", "Bearer " + tampered, "Bearer " + "a".repeat(10_000),
							"Basic YWRtaW46YWRtaW4=", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
							"Bearer " + token + "," + token, "bearer " + token.toLowerCase(java.util.Locale.ROOT),
							"Bearer \u0000", "Bearer " + parts[0] + "." + parts[1] + ".", "Token " + token,
							"Bearer " + token.substring(0, token.length() / 2)));
			this.headers.add(Map.entry("Authorization", value));
			if (this.random.nextInt(5) == 0) {
				this.headers.add(Map.entry("Authorization", "Bearer x"));
			}
			this.detail = abbreviate(value);
			return "auth-header";
		}

		private String header() {
			int roll = this.random.nextInt(7);
			switch (roll) {
				case 0 -> this.headers.add(Map.entry("X-Consistency-Token", any(this.random, List.of("garbage",
						"flip." + new UUID(this.random.nextLong(), 0) + ".9223372036854775807", "flip.x.-1",
						"watchlist." + HostileRequests.this.targets.ownerFlipId(this.random) + ".1", "..", "flip..",
						"flip." + HostileRequests.this.targets.ownerFlipId(this.random) + ".99999999999999999999",
						"a".repeat(5_000)))));
				case 1 -> this.headers.add(Map.entry("X-Forwarded-For",
						any(this.random, List.of("garbage", "1.1.1.1, 2.2.2.2", "::1", "999.1.1.1", "", "unknown"))));
				case 2 -> this.headers.add(Map.entry("X-Huge", "h".repeat(any(this.random, List.of(9_000, 70_000)))));
				case 3 -> {
					if (this.body == null) {
						this.body = bytes("{}");
						this.contentType = "application/json";
					}
					String chunk = any(this.random, List.of("zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\n0\r\n\r\n",
							"ffffffffffffffff\r\n{}\r\n0\r\n\r\n", "1;ext=\"x\"\r\n{\r\n1\r\n}\r\n0\r\n\r\n"));
					this.body = bytes(chunk);
					this.headers.add(Map.entry("Transfer-Encoding", "chunked"));
					this.detail = "chunked " + abbreviate(chunk);
					return "header";
				}
				case 4 -> {
					if (this.body == null) {
						this.body = bytes("{}");
						this.contentType = "application/json";
					}
					this.headers.add(Map.entry("Content-Length",
							any(this.random, List.of("-1", "abc", "0", "99999999999999999999", "1, 2"))));
				}
				case 5 -> this.headers
					.add(Map.entry("If-None-Match", any(this.random, List.of("*", "\"", "W/", "x".repeat(3_000)))));
				default ->
					this.headers.add(Map.entry("Range", any(this.random, List.of("bytes=0-0", "bytes=-1", "bytes=x"))));
			}
			this.detail = abbreviate(this.headers.get(this.headers.size() - 1).getKey() + ": "
					+ this.headers.get(this.headers.size() - 1).getValue());
			return "header";
		}

		private String method() {
			this.method = any(this.random, List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "FOO", "OPTIONS"));
			this.detail = this.method;
			return "method";
		}

		private String unknownPath() {
			this.path = any(this.random,
					List.of("/api/v1/nope", "/api/v2/flips", "/api/v1/flips/x/y/z", "/api/v1/admin/nope",
							"/internal/nope", "/actuator/env", "/actuator/heapdump", "/error",
							"/api/v1/items/4151/prices/extra", "/", "/" + "x".repeat(3_000), "/api/v1//items",
							"/api/v1/./items", "/api/v1/items/"));
			this.pathValues.clear();
			this.detail = abbreviate(this.path);
			return "unknown-path";
		}

		private String csv() {
			String header = "external_id,item_id,account,quantity,buy_price,bought_at,sold_quantity,sell_price,sold_at\n";
			String body = switch (this.random.nextInt(12)) {
				case 0 -> "";
				case 1 -> header;
				case 2 -> "external_id\n1\n";
				case 3 -> header + "t1,4151,main," + any(this.random, NUMBERS) + ",100,2026-01-10T12:00:00Z,,,\n";
				case 4 -> header + "t1,4151,main,1," + any(this.random, NUMBERS) + ",2026-01-10T12:00:00Z,1,"
						+ any(this.random, NUMBERS) + "," + any(this.random, DATES) + "\n";
				case 5 -> header + "\"t1,4151,main,1,100,2026-01-10T12:00:00Z,,,\n";
				case 6 -> header + "t1,4151,main,1,100," + any(this.random, DATES) + ",,,\n";
				case 7 ->
					header + ("t" + this.random.nextInt() + ",4151,main,1,100,2026-01-10T12:00:00Z,,,\n").repeat(2_001);
				case 8 -> header + "x".repeat(100_000) + "\n";
				case 9 -> "\ufeff" + header.replace(',', ';') + "t1;4151;main;1;100;2026-01-10T12:00:00Z;;;\n";
				case 10 -> header + "t1,4151,main,9223372036854775807,9223372036854775807,2026-01-10T12:00:00Z,"
						+ "9223372036854775807,9223372036854775807,2026-01-11T12:00:00Z\n"
						+ "t2,4151,main,9223372036854775807,1,2026-01-10T12:00:00Z,9223372036854775807,"
						+ "9223372036854775807,2026-01-11T12:00:00Z\n";
				default -> header + "t1," + any(this.random, PATH_VALUES) + "," + any(this.random, STRINGS)
						+ ",1,100,2026-01-10T12:00:00Z,,,\n";
			};
			this.body = bytes(body);
			this.contentType = "text/csv";
			this.detail = abbreviate(body);
			return "csv";
		}

		// --- values
		// ---------------------------------------------------------------------------

		private JsonNode tree() {
			if (this.body == null) {
				return NODES.objectNode();
			}
			try {
				return JSON.readTree(this.body);
			}
			catch (java.io.IOException ex) {
				return NODES.objectNode();
			}
		}

		private JsonNode schemaOf(String field) {
			JsonNode schema = this.operation.bodySchema();
			for (String part : field.split("\\.")) {
				if (schema == null) {
					return null;
				}
				if (part.matches("\\d+")) {
					schema = schema.path("items");
				}
				else {
					schema = schema.path("properties").path(part);
				}
			}
			return (schema == null || schema.isMissingNode()) ? null : schema;
		}

		private String validValue(String name, JsonNode schema) {
			return switch (name) {
				case "flipId" ->
					(this.caller == Caller.OWNER || this.caller == Caller.STRANGER || this.random.nextInt(3) > 0)
							? HostileRequests.this.targets.ownerFlipId(this.random)
							: new UUID(this.random.nextLong(), this.random.nextLong()).toString();
				case "saleId" -> HostileRequests.this.targets.ownerSaleId(this.random);
				case "ruleId" -> HostileRequests.this.targets.ownerRuleId(this.random);
				case "itemId", "item" -> Integer.toString(HostileRequests.this.targets.itemId(this.random));
				case "userId" -> HostileRequests.this.targets.otherUserId(this.random);
				case "role" -> any(this.random, List.of("user", "auditor", "admin"));
				case "X-Consistency-Token", "consistency" ->
					"flip." + HostileRequests.this.targets.ownerFlipId(this.random) + ".0";
				case "format" -> any(this.random, List.of("csv", "json"));
				case "status" -> any(this.random, List.of("open", "closed"));
				case "timestep" -> any(this.random, List.of("5m", "1h"));
				case "account" -> "main";
				case "sort" -> any(this.random, List.of("margin", "roi", "volume", "profitPerLimit", "id", "name"));
				case "order" -> any(this.random, List.of("asc", "desc"));
				case "limit" -> Integer.toString(1 + this.random.nextInt(100));
				case "from" -> "2026-01-01T00:00:00Z";
				case "to" -> HostileRequests.this.now.toString();
				case "cursor" -> "";
				case "name" -> "whip";
				default -> scalar(name, schema).asText();
			};
		}

		private JsonNode validJson(JsonNode schema, String name, int depth) {
			if (schema == null || depth > 6) {
				return NODES.nullNode();
			}
			String type = schema.path("type").asText("object");
			if ("object".equals(type)) {
				ObjectNode object = NODES.objectNode();
				Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
				while (properties.hasNext()) {
					Map.Entry<String, JsonNode> property = properties.next();
					object.set(property.getKey(), validJson(property.getValue(), property.getKey(), depth + 1));
				}
				return object;
			}
			if ("array".equals(type)) {
				ArrayNode array = NODES.arrayNode();
				int size = 1 + this.random.nextInt(2);
				for (int i = 0; i < size; i++) {
					array.add(validJson(schema.path("items"), name, depth + 1));
				}
				return array;
			}
			return scalar(name, schema);
		}

		private JsonNode scalar(String name, JsonNode schema) {
			String type = (schema != null) ? schema.path("type").asText("string") : "string";
			String format = (schema != null) ? schema.path("format").asText("") : "";
			if (schema != null && schema.has("enum")) {
				JsonNode values = schema.get("enum");
				return values.get(this.random.nextInt(values.size()));
			}
			switch (name) {
				case "itemId":
					return NODES.numberNode(HostileRequests.this.targets.itemId(this.random));
				case "quantity":
					return NODES.numberNode(1L + this.random.nextInt(3));
				case "price", "value":
					return NODES.numberNode(1L + this.random.nextInt(2_000_000));
				case "email":
					return NODES
						.textNode((this.random.nextInt(3) == 0) ? HostileRequests.this.targets.victimEmail(this.random)
								: "fuzz-" + Long.toHexString(this.random.nextLong()) + "@example.com");
				case "password", "currentPassword", "newPassword":
					return NODES.textNode("fuzzing password " + Long.toHexString(this.random.nextLong()));
				case "displayName":
					return NODES.textNode("Fuzzer");
				case "account":
					return NODES.textNode(any(this.random, List.of("main", "alt_1", "default")));
				case "type":
					return NODES.textNode(
							any(this.random, List.of("PRICE_AT_OR_ABOVE", "PRICE_AT_OR_BELOW", "MARGIN_AT_OR_ABOVE")));
				case "url":
					return NODES.textNode("https://hooks.example.com/ge/" + this.random.nextInt(1000));
				case "timestep":
					return NODES.textNode(any(this.random, List.of("5m", "1h")));
				case "token", "refreshToken":
					return NODES.textNode(Long.toHexString(this.random.nextLong()) + "abcdefghijklmnopqrstuvwxyz");
				default:
					break;
			}
			if ("integer".equals(type) || "number".equals(type)) {
				return NODES.numberNode(1 + this.random.nextInt(1000));
			}
			if ("boolean".equals(type)) {
				return NODES.booleanNode(this.random.nextBoolean());
			}
			if ("date-time".equals(format)) {
				return NODES.textNode(
						HostileRequests.this.now.minus(1 + this.random.nextInt(300 * 24), ChronoUnit.HOURS).toString());
			}
			if ("uuid".equals(format)) {
				return NODES.textNode(new UUID(this.random.nextLong(), this.random.nextLong()).toString());
			}
			return NODES.textNode("fuzz");
		}

		private byte[] validCsv(int rows) {
			StringBuilder csv = new StringBuilder(
					"external_id,item_id,account,quantity,buy_price,bought_at,sold_quantity,sell_price,sold_at\n");
			for (int i = 0; i < rows; i++) {
				csv.append("fuzz-")
					.append(Long.toHexString(this.random.nextLong()))
					.append(',')
					.append(HostileRequests.this.targets.itemId(this.random))
					.append(",main,10,1000,2026-01-10T12:00:00Z,5,1100,2026-01-10T13:00:00Z\n");
			}
			return bytes(csv.toString());
		}

	}

	// --- helpers
	// ---------------------------------------------------------------------------------

	private static List<String> leafFields(JsonNode node, String prefix) {
		List<String> fields = new ArrayList<>();
		if (node.isObject()) {
			node.fields()
				.forEachRemaining((field) -> fields.addAll(leafFields(field.getValue(), join(prefix, field.getKey()))));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				fields.addAll(leafFields(node.get(i), join(prefix, Integer.toString(i))));
			}
		}
		else if (!prefix.isEmpty()) {
			fields.add(prefix);
		}
		return fields;
	}

	private static List<String> allFields(JsonNode node, String prefix) {
		List<String> fields = new ArrayList<>();
		if (node.isObject()) {
			node.fields().forEachRemaining((field) -> {
				fields.add(join(prefix, field.getKey()));
				fields.addAll(allFields(field.getValue(), join(prefix, field.getKey())));
			});
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				fields.add(join(prefix, Integer.toString(i)));
				fields.addAll(allFields(node.get(i), join(prefix, Integer.toString(i))));
			}
		}
		return fields;
	}

	private static String join(String prefix, String name) {
		return prefix.isEmpty() ? name : prefix + "." + name;
	}

	/**
	 * The tree as JSON with {@code field} replaced by raw JSON text (which may be invalid
	 * JSON, such as {@code NaN}), or removed when {@code raw} is {@code null}.
	 */
	static String replace(JsonNode tree, String field, String raw) {
		JsonNode copy = tree.deepCopy();
		String[] parts = field.split("\\.");
		JsonNode parent = copy;
		for (int i = 0; i < parts.length - 1; i++) {
			parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
		}
		String last = parts[parts.length - 1];
		if (parent instanceof ObjectNode object) {
			if (raw == null) {
				object.remove(last);
			}
			else {
				object.put(last, RAW);
			}
		}
		else if (parent instanceof ArrayNode array) {
			if (raw == null) {
				array.remove(Integer.parseInt(last));
			}
			else {
				array.set(Integer.parseInt(last), NODES.textNode(RAW));
			}
		}
		String json = write(copy);
		return (raw == null) ? json : json.replace("\"" + RAW + "\"", raw);
	}

	private static String write(JsonNode node) {
		try {
			return JSON.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String quote(String text) {
		return write(NODES.textNode(text));
	}

	private static byte[] bytes(JsonNode node) {
		return bytes(write(node));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Percent-encodes everything but RFC 3986's unreserved characters, as UTF-8. */
	static String encode(String value) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(String.format("%02X", c));
			}
		}
		return out.toString();
	}

	static String abbreviate(String text) {
		String shown = (text.length() > 60) ? text.substring(0, 60) + "...(" + text.length() + " chars)" : text;
		StringBuilder out = new StringBuilder();
		for (char c : shown.toCharArray()) {
			out.append((c < 0x20 || c == 0x7f) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
		}
		return out.toString();
	}

}
