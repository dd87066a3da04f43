package com.gemetrics.query.pricehistory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.gemetrics.api.price.ListPriceHistoryQuery;
import com.gemetrics.api.price.PriceHistoryPage;
import com.gemetrics.api.price.PricePointView;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.platform.subscription.EntitlementLookup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PriceHistoryController.class)
@Import(PriceHistoryControllerTest.Metrics.class)
class PriceHistoryControllerTest {

	static final UUID SUBSCRIBER = UUID.randomUUID();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queryGateway;

	@MockitoBean
	PriceHistoryBackfill backfill;

	@MockitoBean
	EntitlementLookup entitlements;

	@BeforeEach
	void historyImported() {
		given(this.backfill.ensureImported(anyInt(), any(Timestep.class)))
			.willReturn(PriceHistoryBackfill.Outcome.NOT_NEEDED);
	}

	@Test
	void answersAPageWithIsoTimesAndAsksForTheBackfillOnTheFirstPage() throws Exception {
		ListPriceHistoryQuery query = new ListPriceHistoryQuery(8778, Timestep.ONE_HOUR,
				Instant.parse("2022-06-01T00:00:00Z"), null, null, 100);
		given(this.backfill.ensureImported(8778, Timestep.ONE_HOUR))
			.willReturn(PriceHistoryBackfill.Outcome.NOT_NEEDED);
		given(this.queryGateway.query(eq(query), eq(PriceHistoryPage.class)))
			.willReturn(CompletableFuture.completedFuture(new PriceHistoryPage(8778, "1h",
					List.of(new PricePointView(Instant.parse("2022-06-01T04:00:00Z"), 442L, null, 96211, 0)), "next")));

		given(this.entitlements.forUser(SUBSCRIBER.toString())).willReturn(Entitlements.PREMIUM);

		this.mvc
			.perform(get("/api/v1/items/8778/prices?timestep=1h&from=2022-06-01T00:00:00Z")
				.with(jwt().jwt((token) -> token.subject(SUBSCRIBER.toString()))))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(PriceHistoryBackfill.HEADER))
			.andExpect(header().doesNotExist(PriceHistoryController.WINDOW_HEADER))
			.andExpect(jsonPath("$.itemId").value(8778))
			.andExpect(jsonPath("$.timestep").value("1h"))
			.andExpect(jsonPath("$.points[0].timestamp").value("2022-06-01T04:00:00Z"))
			.andExpect(jsonPath("$.points[0].avgHighPrice").value(442))
			.andExpect(jsonPath("$.points[0].avgLowPrice").isEmpty())
			.andExpect(jsonPath("$.nextCursor").value("next"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "&from=2022-06-01T00:00:00Z" })
	void anAnonymousCallerReadsFromTheFreeWindowOnly(String from) throws Exception {
		given(this.queryGateway.query(any(ListPriceHistoryQuery.class), eq(PriceHistoryPage.class)))
			.willReturn(CompletableFuture.completedFuture(new PriceHistoryPage(8778, "1h", List.of(), null)));
		Instant thirtyDaysAgo = Instant.now().minus(Duration.ofDays(30));

		String windowStart = this.mvc.perform(get("/api/v1/items/8778/prices?timestep=1h" + from))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getHeader(PriceHistoryController.WINDOW_HEADER);

		ArgumentCaptor<ListPriceHistoryQuery> asked = ArgumentCaptor.forClass(ListPriceHistoryQuery.class);
		then(this.queryGateway).should().query(asked.capture(), eq(PriceHistoryPage.class));
		assertThat(asked.getValue().from()).isEqualTo(Instant.parse(windowStart))
			.isBetween(thirtyDaysAgo.minus(Duration.ofHours(1)), thirtyDaysAgo);
		assertThat(asked.getValue().from().getEpochSecond() % 3600).as("a bucket's start").isZero();
		then(this.entitlements).shouldHaveNoInteractions();
	}

	@Test
	void aFreeUserWithinTheWindowIsAnsweredAsAsked() throws Exception {
		Instant yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
		given(this.entitlements.forUser(SUBSCRIBER.toString())).willReturn(Entitlements.FREE);
		given(this.queryGateway.query(any(ListPriceHistoryQuery.class), eq(PriceHistoryPage.class)))
			.willReturn(CompletableFuture.completedFuture(new PriceHistoryPage(8778, "5m", List.of(), null)));

		this.mvc
			.perform(get("/api/v1/items/8778/prices?from=" + yesterday)
				.with(jwt().jwt((token) -> token.subject(SUBSCRIBER.toString()))))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(PriceHistoryController.WINDOW_HEADER));

		then(this.queryGateway).should()
			.query(eq(new ListPriceHistoryQuery(8778, Timestep.FIVE_MINUTES, yesterday, null, null, 100)),
					eq(PriceHistoryPage.class));
	}

	@Test
	void aFreeUserBeforeTheWindowIsAnsweredFromItsStart() throws Exception {
		given(this.entitlements.forUser(SUBSCRIBER.toString())).willReturn(Entitlements.FREE);
		given(this.queryGateway.query(any(ListPriceHistoryQuery.class), eq(PriceHistoryPage.class)))
			.willReturn(CompletableFuture.completedFuture(new PriceHistoryPage(8778, "5m", List.of(), null)));

		this.mvc
			.perform(get("/api/v1/items/8778/prices?from=2025-01-01T00:00:00Z")
				.with(jwt().jwt((token) -> token.subject(SUBSCRIBER.toString()))))
			.andExpect(status().isOk())
			.andExpect(header().exists(PriceHistoryController.WINDOW_HEADER));

		ArgumentCaptor<ListPriceHistoryQuery> asked = ArgumentCaptor.forClass(ListPriceHistoryQuery.class);
		then(this.queryGateway).should().query(asked.capture(), eq(PriceHistoryPage.class));
		assertThat(asked.getValue().from()).isAfter(Instant.now().minus(Duration.ofDays(31)));
	}

	@Test
	void marksAnAnswerWhoseImportIsPending() throws Exception {
		given(this.backfill.ensureImported(2, Timestep.FIVE_MINUTES)).willReturn(PriceHistoryBackfill.Outcome.PENDING);
		given(this.queryGateway.query(any(ListPriceHistoryQuery.class), eq(PriceHistoryPage.class)))
			.willReturn(CompletableFuture.completedFuture(new PriceHistoryPage(2, "5m", List.of(), null)));

		this.mvc.perform(get("/api/v1/items/2/prices"))
			.andExpect(status().isOk())
			.andExpect(header().string(PriceHistoryBackfill.HEADER, "pending"))
			.andExpect(jsonPath("$.points").isEmpty());
	}

	@Test
	void doesNotAskForTheBackfillOnLaterPages() throws Exception {
		String cursor = new PriceHistoryCursor(2, Timestep.FIVE_MINUTES, Instant.parse("2025-05-26T06:55:00Z"))
			.encode();
		given(this.queryGateway.query(any(ListPriceHistoryQuery.class), eq(PriceHistoryPage.class)))
			.willReturn(CompletableFuture.completedFuture(new PriceHistoryPage(2, "5m", List.of(), null)));

		this.mvc.perform(get("/api/v1/items/2/prices?cursor=" + cursor)).andExpect(status().isOk());

		then(this.backfill).should(never()).ensureImported(any(Integer.class), any(Timestep.class));
	}

	@Test
	void rejectsAnUnknownTimestepBeforeAskingAnything() throws Exception {
		this.mvc.perform(get("/api/v1/items/2/prices?timestep=1d"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("INVALID_TIMESTEP"));

		verifyNoInteractions(this.queryGateway, this.backfill);
	}

	@ParameterizedTest
	@ValueSource(strings = { "from=-3000-01-01T00:00:00Z", "to=9223372036854775807", "from=1748240400",
			"to=-9223372036854775808" })
	void rejectsAbsurdTimesBeforeAskingAnything(String parameter) throws Exception {
		this.mvc.perform(get("/api/v1/items/2/prices?" + parameter))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("INVALID_TIME"));

		verifyNoInteractions(this.queryGateway, this.backfill);
	}

	@Test
	void rejectsALimitAboveTheCap() throws Exception {
		this.mvc.perform(get("/api/v1/items/2/prices?limit=1001"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_LIMIT"));

		verifyNoInteractions(this.queryGateway, this.backfill);
	}

	/**
	 * The web layer's filters count requests; the slice has no metrics
	 * auto-configuration.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
