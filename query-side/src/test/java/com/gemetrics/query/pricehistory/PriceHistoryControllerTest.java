package com.gemetrics.query.pricehistory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.gemetrics.api.price.ListPriceHistoryQuery;
import com.gemetrics.api.price.PriceHistoryPage;
import com.gemetrics.api.price.PricePointView;
import com.gemetrics.api.price.Timestep;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
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

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PriceHistoryController.class)
@Import(PriceHistoryControllerTest.Metrics.class)
class PriceHistoryControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queryGateway;

	@MockitoBean
	PriceHistoryBackfill backfill;

	@Test
	void answersAPageWithIsoTimesAndAsksForTheBackfillOnTheFirstPage() throws Exception {
		ListPriceHistoryQuery query = new ListPriceHistoryQuery(8778, Timestep.ONE_HOUR,
				Instant.parse("2022-06-01T00:00:00Z"), null, null, 100);
		given(this.backfill.ensureImported(8778, Timestep.ONE_HOUR))
			.willReturn(PriceHistoryBackfill.Outcome.NOT_NEEDED);
		given(this.queryGateway.query(eq(query), eq(PriceHistoryPage.class)))
			.willReturn(CompletableFuture.completedFuture(new PriceHistoryPage(8778, "1h",
					List.of(new PricePointView(Instant.parse("2022-06-01T04:00:00Z"), 442L, null, 96211, 0)), "next")));

		this.mvc.perform(get("/api/v1/items/8778/prices?timestep=1h&from=2022-06-01T00:00:00Z"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(PriceHistoryBackfill.HEADER))
			.andExpect(jsonPath("$.itemId").value(8778))
			.andExpect(jsonPath("$.timestep").value("1h"))
			.andExpect(jsonPath("$.points[0].timestamp").value("2022-06-01T04:00:00Z"))
			.andExpect(jsonPath("$.points[0].avgHighPrice").value(442))
			.andExpect(jsonPath("$.points[0].avgLowPrice").isEmpty())
			.andExpect(jsonPath("$.nextCursor").value("next"));
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
