package com.gemetrics.loadtest.fuzz;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.gemetrics.loadtest.fuzz.FuzzRequest.App;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator reproduces a request from the seed and its number, reaches every kind of
 * hostility, and the oracle tells a problem with a code from everything else.
 */
class HostileRequestsTest {

	static final String DOCUMENT = """
			{"paths":{
			  "/api/v1/flips/{flipId}/sales":{"post":{
			    "parameters":[{"name":"flipId","in":"path","required":true,"schema":{"type":"string","format":"uuid"}}],
			    "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/RecordSaleRequest"}}}}}},
			  "/api/v1/items":{"get":{"parameters":[{"name":"limit","in":"query","schema":{"type":"string"}}]}},
			  "/api/v1/flips/imports":{"post":{"requestBody":{"content":{"text/csv":{"schema":{"type":"string"}}}}}}},
			 "components":{"schemas":{"RecordSaleRequest":{"type":"object","required":["quantity"],"properties":{
			   "quantity":{"type":"integer","format":"int64"},"price":{"type":"integer","format":"int64"},
			   "soldAt":{"type":"string","format":"date-time"}}}}}}
			""";

	final Targets targets = new Targets(List.of("5f6d064d-aefc-46f6-8c0d-7db33e876ee8"), List.of("sale-1"),
			List.of("rule-1"), List.of(4151), List.of("8d0e3f1c-0d5e-4a43-9d1a-2f0c4b5e6a7b"), "victim@example.com",
			"aaa.bbb.ccc");

	@Test
	void resolvesReferencesOfTheDocument() throws Exception {
		List<ApiOperation> operations = ApiOperation.parse(App.COMMAND, new ObjectMapper().readTree(DOCUMENT));

		assertThat(operations).extracting(ApiOperation::key)
			.containsExactlyInAnyOrder("COMMAND POST /api/v1/flips/{flipId}/sales", "COMMAND GET /api/v1/items",
					"COMMAND POST /api/v1/flips/imports");
		ApiOperation sale = operations.stream().filter((o) -> o.path().endsWith("sales")).findFirst().orElseThrow();
		assertThat(sale.bodySchema().at("/properties/quantity/format").asText()).isEqualTo("int64");
	}

	@Test
	void makesTheSameRequestFromTheSameSeedAndNumber() throws Exception {
		List<ApiOperation> operations = ApiOperation.parse(App.COMMAND, new ObjectMapper().readTree(DOCUMENT));
		HostileRequests first = new HostileRequests(operations, this.targets, 7);
		HostileRequests again = new HostileRequests(operations, this.targets, 7);

		for (long i = 0; i < 200; i++) {
			FuzzRequest a = first.request(i);
			FuzzRequest b = again.request(i);
			assertThat(b.target()).isEqualTo(a.target());
			assertThat(b.method()).isEqualTo(a.method());
			assertThat(b.headers()).isEqualTo(a.headers());
			assertThat(b.body()).isEqualTo(a.body());
			assertThat(b.mutation()).isEqualTo(a.mutation());
		}
		assertThat(new HostileRequests(operations, this.targets, 8).request(3).mutation() + first.request(4).target())
			.isNotEqualTo(first.request(3).mutation() + first.request(4).target());
	}

	@Test
	void reachesEveryKindOfHostility() throws Exception {
		HostileRequests requests = new HostileRequests(
				ApiOperation.parse(App.COMMAND, new ObjectMapper().readTree(DOCUMENT)), this.targets, 11);
		Set<String> kinds = new HashSet<>();

		for (long i = 0; i < 3_000; i++) {
			kinds.add(requests.request(i).mutation().split(":")[0]);
		}

		assertThat(kinds).containsAll(HostileRequests.KINDS);
	}

	@Test
	void acceptsOnlyAProblemWithACodeForA4xx() throws Exception {
		assertThat(FuzzRun.violation(answer(400, "application/problem+json", "{\"code\":\"BAD_REQUEST\"}"), false))
			.isNull();
		assertThat(FuzzRun.violation(answer(201, "application/json", "{}"), false)).isNull();
		assertThat(FuzzRun.violation(answer(400, "text/html;charset=utf-8", "<html>"), false)).contains("text/html");
		assertThat(FuzzRun.violation(answer(406, null, ""), false)).contains("null");
		assertThat(FuzzRun.violation(answer(404, "application/problem+json", "{\"title\":\"x\"}"), false))
			.contains("without a code");
		assertThat(FuzzRun.violation(answer(400, "application/problem+json", "{\"code\":\"\"}"), false))
			.contains("without a code");
		assertThat(FuzzRun.violation(answer(500, "application/problem+json", "{\"code\":\"INTERNAL_ERROR\"}"), false))
			.isEqualTo("status 500");
		assertThat(FuzzRun.violation(answer(404, "application/problem+json", ""), true)).isNull();
	}

	private static RawHttp.Response answer(int status, String contentType, String body) throws Exception {
		String head = "HTTP/1.1 " + status + " X\r\n"
				+ ((contentType != null) ? "Content-Type: " + contentType + "\r\n" : "")
				+ "Transfer-Encoding: chunked\r\n\r\n";
		String chunked = body.isEmpty() ? "0\r\n\r\n"
				: Integer.toHexString(body.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + body + "\r\n0\r\n\r\n";
		return RawHttp.read(new ByteArrayInputStream((head + chunked).getBytes(StandardCharsets.UTF_8)), false);
	}

}
