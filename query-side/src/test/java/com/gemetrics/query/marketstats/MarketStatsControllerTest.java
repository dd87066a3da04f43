package com.gemetrics.query.marketstats;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.gemetrics.api.item.FindMarketStatsQuery;
import com.gemetrics.api.item.MarketStatsView;
import com.gemetrics.api.item.MarketStatsView.Mover;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(MarketStatsController.class)
@Import(MarketStatsControllerTest.Config.class)
class MarketStatsControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queryGateway;

	@Test
	void asksTheGatewayForTheOverview() throws Exception {
		MarketStatsView view = new MarketStatsView(List.of(), List.of(),
				List.of(new Mover(561, "Nature rune", 100, 150, 0.5)), List.of(), List.of(), List.of(),
				Instant.parse("2025-05-28T12:00:00Z"));
		given(this.queryGateway.query(any(FindMarketStatsQuery.class), any(ResponseType.class)))
			.willReturn(CompletableFuture.completedFuture(view));

		this.mvc.perform(get("/api/v1/market/stats?limit=5"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=5, public"))
			.andExpect(jsonPath("$.moversUp1h[0].id").value(561))
			.andExpect(jsonPath("$.moversUp1h[0].change").value(0.5))
			.andExpect(jsonPath("$.computedAt").value("2025-05-28T12:00:00Z"));
		ArgumentCaptor<FindMarketStatsQuery> query = ArgumentCaptor.forClass(FindMarketStatsQuery.class);
		verify(this.queryGateway).query(query.capture(), any(ResponseType.class));
		assertThat(query.getValue().limit()).isEqualTo(5);
	}

	@Test
	void refusesALimitOutOfRange() throws Exception {
		this.mvc.perform(get("/api/v1/market/stats?limit=101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_LIMIT"));
		verifyNoInteractions(this.queryGateway);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MarketStatsProperties.class)
	static class Config {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
