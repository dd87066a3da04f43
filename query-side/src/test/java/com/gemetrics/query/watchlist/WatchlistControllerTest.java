package com.gemetrics.query.watchlist;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.FindWatchlistQuery;
import com.gemetrics.api.watchlist.FindWatchlistVersionQuery;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.api.watchlist.WatchlistView;
import com.gemetrics.query.consistency.ReadYourWrites;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(WatchlistController.class)
@Import({ ReadYourWrites.class, WatchlistControllerTest.Support.class })
class WatchlistControllerTest {

	static final UUID USER = UUID.randomUUID();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queryGateway;

	@Test
	void answersTheCallersWatchlistUncached() throws Exception {
		given(this.queryGateway.query(eq(new FindWatchlistQuery(new UserId(USER), 50)), eq(WatchlistView.class)))
			.willReturn(CompletableFuture.completedFuture(new WatchlistView(List.of(), List.of())));

		this.mvc.perform(get("/api/v1/watchlist").with(jwt().jwt((token) -> token.subject(USER.toString()))))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.items").isEmpty())
			.andExpect(jsonPath("$.recentAlerts").isEmpty());
	}

	@Test
	void waitsForAReachedTokenWithoutMarkingTheAnswerStale() throws Exception {
		String token = "watchlist." + new WatchlistId(new UserId(USER)) + ".3";
		given(this.queryGateway.query(eq(new FindWatchlistVersionQuery(new UserId(USER))), eq(Long.class)))
			.willReturn(CompletableFuture.completedFuture(3L));
		given(this.queryGateway.query(eq(new FindWatchlistQuery(new UserId(USER), 50)), eq(WatchlistView.class)))
			.willReturn(CompletableFuture.completedFuture(new WatchlistView(List.of(), List.of())));

		this.mvc
			.perform(get("/api/v1/watchlist").param("consistency", token)
				.with(jwt().jwt((jwt) -> jwt.subject(USER.toString()))))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(ReadYourWrites.STALE_HEADER));
	}

	@Test
	void refusesAnotherUsersOrAMalformedTokenBeforeQuerying() throws Exception {
		String foreign = "watchlist." + new WatchlistId(new UserId(UUID.randomUUID())) + ".0";
		for (String bad : List.of(foreign, "nonsense", "flip." + UUID.randomUUID() + ".0")) {
			this.mvc
				.perform(get("/api/v1/watchlist").header("X-Consistency-Token", bad)
					.with(jwt().jwt((jwt) -> jwt.subject(USER.toString()))))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("CONSISTENCY_TOKEN_INVALID"));
		}
		verifyNoInteractions(this.queryGateway);
	}

	@Test
	void refusesAnonymousCallers() throws Exception {
		this.mvc.perform(get("/api/v1/watchlist")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.queryGateway);
	}

	@TestConfiguration
	@EnableConfigurationProperties(WatchlistProperties.class)
	static class Support {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
