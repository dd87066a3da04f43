package com.gemetrics.command.flip;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.flip.FlipRequests.CorrectBuyRequest;
import com.gemetrics.command.flip.FlipRequests.CorrectSaleRequest;
import com.gemetrics.command.flip.FlipRequests.ImportResponse;
import com.gemetrics.command.flip.FlipRequests.ImportedFlip;
import com.gemetrics.command.flip.FlipRequests.OpenFlipRequest;
import com.gemetrics.command.flip.FlipRequests.RecordSaleRequest;
import com.gemetrics.command.flip.Flips.Written;
import com.gemetrics.api.price.GeLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(FlipController.class)
class FlipControllerTest {

	static final UserId CALLER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));

	static final FlipId FLIP = new FlipId(UUID.fromString("00000000-0000-0000-0000-00000000f11b"));

	static final String BASE = "/api/v1/flips/" + FLIP;

	static final String SALE_BODY = """
			{"quantity": 40, "price": 1600000, "soldAt": "2026-01-10T13:00:00Z"}
			""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Flips flips;

	@MockitoBean
	FlipImports imports;

	@Test
	void opensAFlipWith201LocationAndToken() throws Exception {
		given(this.flips.open(eq(CALLER), any())).willReturn(written(FLIP.toString(), 0));

		this.mvc.perform(post("/api/v1/flips").with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"itemId": 4151, "quantity": 100, "price": 1500000, "boughtAt": "2026-01-10T12:00:00Z",
				 "account": "Iron main"}
				"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", BASE))
			.andExpect(header().string("X-Consistency-Token", "flip." + FLIP + ".0"))
			.andExpect(jsonPath("$.id").value(FLIP.toString()))
			.andExpect(jsonPath("$.consistencyToken").value("flip." + FLIP + ".0"));
		then(this.flips).should()
			.open(CALLER,
					new OpenFlipRequest(4151, 100L, 1_500_000L, Instant.parse("2026-01-10T12:00:00Z"), "Iron main"));
	}

	@Test
	void leavesTheAccountToTheServiceWhenAbsent() throws Exception {
		given(this.flips.open(eq(CALLER), any())).willReturn(written(FLIP.toString(), 0));

		this.mvc.perform(post("/api/v1/flips").with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"itemId": 4151, "quantity": 100, "price": 1500000, "boughtAt": "2026-01-10T12:00:00Z"}
				""")).andExpect(status().isCreated());
		then(this.flips).should()
			.open(CALLER, new OpenFlipRequest(4151, 100L, 1_500_000L, Instant.parse("2026-01-10T12:00:00Z"), null));
	}

	@Test
	void recordsASaleWith201AndToken() throws Exception {
		given(this.flips.recordSale(eq(CALLER), eq(FLIP), any())).willReturn(written("sale-1", 1));

		this.mvc
			.perform(post(BASE + "/sales").with(caller()).contentType(MediaType.APPLICATION_JSON).content(SALE_BODY))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", BASE + "/sales/sale-1"))
			.andExpect(header().string("X-Consistency-Token", "flip." + FLIP + ".1"))
			.andExpect(jsonPath("$.id").value("sale-1"))
			.andExpect(jsonPath("$.consistencyToken").value("flip." + FLIP + ".1"));
		then(this.flips).should()
			.recordSale(CALLER, FLIP, new RecordSaleRequest(40L, 1_600_000L, Instant.parse("2026-01-10T13:00:00Z")));
	}

	@Test
	void correctsTheBuyWith200AndToken() throws Exception {
		given(this.flips.correctBuy(eq(CALLER), eq(FLIP), any())).willReturn(written(FLIP.toString(), 2));

		this.mvc.perform(put(BASE).with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"quantity": 90, "price": 1400000, "boughtAt": "2026-01-10T11:00:00Z"}
				"""))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Consistency-Token", "flip." + FLIP + ".2"))
			.andExpect(jsonPath("$.id").value(FLIP.toString()))
			.andExpect(jsonPath("$.consistencyToken").value("flip." + FLIP + ".2"));
		then(this.flips).should()
			.correctBuy(CALLER, FLIP, new CorrectBuyRequest(90L, 1_400_000L, Instant.parse("2026-01-10T11:00:00Z")));
	}

	@Test
	void correctsASaleWith200AndToken() throws Exception {
		given(this.flips.correctSale(eq(CALLER), eq(FLIP), eq("sale-1"), any())).willReturn(written("sale-1", 3));

		this.mvc.perform(
				put(BASE + "/sales/sale-1").with(caller()).contentType(MediaType.APPLICATION_JSON).content(SALE_BODY))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Consistency-Token", "flip." + FLIP + ".3"))
			.andExpect(jsonPath("$.id").value("sale-1"));
		then(this.flips).should()
			.correctSale(CALLER, FLIP, "sale-1",
					new CorrectSaleRequest(40L, 1_600_000L, Instant.parse("2026-01-10T13:00:00Z")));
	}

	@Test
	void writesOffWith200AndToken() throws Exception {
		given(this.flips.writeOff(CALLER, FLIP)).willReturn(written(FLIP.toString(), 4));

		this.mvc.perform(post(BASE + "/write-off").with(caller()))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Consistency-Token", "flip." + FLIP + ".4"))
			.andExpect(jsonPath("$.consistencyToken").value("flip." + FLIP + ".4"));
	}

	@Test
	void deletesWith204AndTheTokenInAHeader() throws Exception {
		given(this.flips.delete(CALLER, FLIP)).willReturn(written(FLIP.toString(), 5));

		this.mvc.perform(delete(BASE).with(caller()))
			.andExpect(status().isNoContent())
			.andExpect(header().string("X-Consistency-Token", "flip." + FLIP + ".5"))
			.andExpect(content().string(""));
	}

	@Test
	void importsACsvWith200() throws Exception {
		String csv = "external_id,item_id,quantity,buy_price,bought_at\nt-1,4151,1,100,2026-01-10T12:00:00Z\n";
		String token = "flip." + FLIP + ".0";
		given(this.imports.importCsv(eq(CALLER), any())).willReturn(new ImportResponse(1, 0, token,
				List.of(new ImportedFlip(2, "t-1", FLIP.toString(), FlipImports.IMPORTED, token))));

		this.mvc.perform(post("/api/v1/flips/imports").with(caller()).contentType("text/csv").content(csv))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Consistency-Token", token))
			.andExpect(jsonPath("$.imported").value(1))
			.andExpect(jsonPath("$.skipped").value(0))
			.andExpect(jsonPath("$.flips[0].line").value(2))
			.andExpect(jsonPath("$.flips[0].externalId").value("t-1"))
			.andExpect(jsonPath("$.flips[0].status").value("IMPORTED"));
		then(this.imports).should().importCsv(CALLER, csv.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void answersAnImportThatStoredNothingNewWithoutAHeaderToken() throws Exception {
		String token = "flip." + FLIP + ".1";
		given(this.imports.importCsv(eq(CALLER), any())).willReturn(new ImportResponse(0, 1, null,
				List.of(new ImportedFlip(2, "t-1", FLIP.toString(), FlipImports.SKIPPED, token))));

		this.mvc.perform(post("/api/v1/flips/imports").with(caller()).contentType("text/csv").content("x"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("X-Consistency-Token"))
			.andExpect(jsonPath("$.skipped").value(1))
			.andExpect(jsonPath("$.flips[0].consistencyToken").value(token));
	}

	@Test
	void refusesAnImportThatIsNotCsvWith415() throws Exception {
		this.mvc
			.perform(post("/api/v1/flips/imports").with(caller()).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.code").exists());
		then(this.imports).should(never()).importCsv(any(), any());
	}

	@Test
	void answersARefusedImportWith422ListingTheLines() throws Exception {
		given(this.imports.importCsv(eq(CALLER), any())).willThrow(
				new FlipImportRejected(List.of(FlipImportError.of(3, "quantity", FlipError.QUANTITY_NOT_POSITIVE),
						new FlipImportError(7, "external_id", "DUPLICATE_EXTERNAL_ID", "again")), 1));

		this.mvc.perform(post("/api/v1/flips/imports").with(caller()).contentType("text/csv").content("x"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("IMPORT_INVALID"))
			.andExpect(jsonPath("$.errorCount").value(2))
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].line").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("quantity"))
			.andExpect(jsonPath("$.errors[0].code").value("QUANTITY_NOT_POSITIVE"));
	}

	@Test
	void answersARejectionWithItsStatusAndCode() throws Exception {
		given(this.flips.recordSale(eq(CALLER), eq(FLIP), any())).willThrow(new FlipRejected(FlipError.OVERSOLD));

		this.mvc
			.perform(post(BASE + "/sales").with(caller()).contentType(MediaType.APPLICATION_JSON).content(SALE_BODY))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("OVERSOLD"));
	}

	@Test
	void answersAnUnknownSaleWith404() throws Exception {
		given(this.flips.correctSale(eq(CALLER), eq(FLIP), eq("nope"), any()))
			.willThrow(new FlipRejected(FlipError.SALE_NOT_FOUND));

		this.mvc
			.perform(
					put(BASE + "/sales/nope").with(caller()).contentType(MediaType.APPLICATION_JSON).content(SALE_BODY))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("SALE_NOT_FOUND"));
	}

	@Test
	void answersAnUnknownFlipWith404() throws Exception {
		given(this.flips.delete(CALLER, FLIP)).willThrow(new FlipRejected(FlipError.FLIP_NOT_FOUND));

		this.mvc.perform(delete(BASE).with(caller()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("FLIP_NOT_FOUND"));
	}

	@Test
	void answersAClosedFlipWith422() throws Exception {
		given(this.flips.writeOff(CALLER, FLIP)).willThrow(new FlipRejected(FlipError.FLIP_CLOSED));

		this.mvc.perform(post(BASE + "/write-off").with(caller()))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.code").value("FLIP_CLOSED"));
	}

	@Test
	void refusesAMissingFieldWith400() throws Exception {
		this.mvc.perform(post("/api/v1/flips").with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"itemId": 4151, "quantity": 100}
				""")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").exists());
		this.mvc.perform(put(BASE).with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"quantity": 100, "price": 5}
				""")).andExpect(status().isBadRequest());
		then(this.flips).should(never()).open(any(), any());
		then(this.flips).should(never()).correctBuy(any(), any(), any());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					quantity 0               | {"itemId": 4151, "quantity": 0, "price": 5, "boughtAt": "2026-01-10T12:00:00Z"}                          | quantity
					quantity above a stack   | {"itemId": 4151, "quantity": 2147483648, "price": 5, "boughtAt": "2026-01-10T12:00:00Z"}                 | quantity
					absurd quantity          | {"itemId": 4151, "quantity": 4611686018427387903, "price": 3, "boughtAt": "2026-01-10T12:00:00Z"}        | quantity
					price 0                  | {"itemId": 4151, "quantity": 1, "price": 0, "boughtAt": "2026-01-10T12:00:00Z"}                          | price
					price above a stack      | {"itemId": 4151, "quantity": 1, "price": 2147483648, "boughtAt": "2026-01-10T12:00:00Z"}                 | price
					before the GE opened     | {"itemId": 4151, "quantity": 1, "price": 5, "boughtAt": "2013-02-21T23:59:59Z"}                          | boughtAt
					thousands of years back  | {"itemId": 4151, "quantity": 1, "price": 5, "boughtAt": "-3000-01-01T00:00:00Z"}                         | boughtAt
					far future               | {"itemId": 4151, "quantity": 1, "price": 5, "boughtAt": "+100000-01-01T00:00:00Z"}                       | boughtAt
					""")
	void refusesAnOpenOutsideTheGamesBoundsWith400NamingTheField(String name, String body, String field)
			throws Exception {
		this.mvc.perform(post("/api/v1/flips").with(caller()).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
			.andExpect(jsonPath("$.errors[0].field").value(field));
		then(this.flips).should(never()).open(any(), any());
	}

	@Test
	void refusesSalesAndCorrectionsOutsideTheGamesBoundsWith400() throws Exception {
		String future = Instant.now().plus(GeLimits.MAX_CLOCK_SKEW).plusSeconds(60).toString();
		this.mvc.perform(post(BASE + "/sales").with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"quantity": 1, "price": 5, "soldAt": "%s"}
				""".formatted(future)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
			.andExpect(jsonPath("$.errors[0].field").value("soldAt"));
		this.mvc.perform(put(BASE).with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"quantity": 2147483648, "price": 5, "boughtAt": "2026-01-10T12:00:00Z"}
				""")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("quantity"));
		this.mvc.perform(put(BASE + "/sales/s1").with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"quantity": 1, "price": 2147483648, "soldAt": "2012-01-10T12:00:00Z"}
				"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("price"))
			.andExpect(jsonPath("$.errors[1].field").value("soldAt"));
		then(this.flips).should(never()).recordSale(any(), any(), any());
		then(this.flips).should(never()).correctBuy(any(), any(), any());
		then(this.flips).should(never()).correctSale(any(), any(), any(), any());
	}

	@Test
	void acceptsTheExtremesOfTheGamesBounds() throws Exception {
		given(this.flips.open(eq(CALLER), any())).willReturn(new Written(FLIP.toString(), Flips.token(FLIP, 0)));
		this.mvc.perform(post("/api/v1/flips").with(caller()).contentType(MediaType.APPLICATION_JSON).content("""
				{"itemId": 4151, "quantity": 2147483647, "price": 2147483647, "boughtAt": "2013-02-22T00:00:00Z"}
				""")).andExpect(status().isCreated());
	}

	@Test
	void refusesAFlipIdThatIsNoUuidWith400() throws Exception {
		this.mvc.perform(delete("/api/v1/flips/not-a-uuid").with(caller()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
		then(this.flips).should(never()).delete(any(), any());
	}

	@Test
	void refusesAnonymousCallersWith401() throws Exception {
		List<MockHttpServletRequestBuilder> requests = List.of(
				post("/api/v1/flips").contentType(MediaType.APPLICATION_JSON).content("""
						{"itemId": 4151, "quantity": 100, "price": 1500000, "boughtAt": "2026-01-10T12:00:00Z"}
						"""), post(BASE + "/sales").contentType(MediaType.APPLICATION_JSON).content(SALE_BODY),
				put(BASE).contentType(MediaType.APPLICATION_JSON).content(SALE_BODY),
				put(BASE + "/sales/s").contentType(MediaType.APPLICATION_JSON).content(SALE_BODY),
				post(BASE + "/write-off"), delete(BASE),
				post("/api/v1/flips/imports").contentType("text/csv").content("x"));
		for (MockHttpServletRequestBuilder request : requests) {
			this.mvc.perform(request).andExpect(status().isUnauthorized());
		}
		then(this.flips).shouldHaveNoInteractions();
		then(this.imports).shouldHaveNoInteractions();
	}

	private static RequestPostProcessor caller() {
		return jwt().jwt((token) -> token.subject(CALLER.toString()));
	}

	private static Written written(String id, long sequence) {
		return new Written(id, Flips.token(FLIP, sequence));
	}

}
