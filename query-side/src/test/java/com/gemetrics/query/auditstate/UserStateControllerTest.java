package com.gemetrics.query.auditstate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.gemetrics.api.auditstate.FindUserStateQuery;
import com.gemetrics.api.auditstate.UserStateView.WatchlistStateView;
import com.gemetrics.api.auditstate.UserStateView;
import com.gemetrics.api.subscription.SubscriptionView;
import com.gemetrics.api.user.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(UserStateController.class)
@Import(UserStateControllerTest.Metrics.class)
class UserStateControllerTest {

	static final UUID AUDITOR = UUID.randomUUID();

	static final UUID USER = UUID.randomUUID();

	static final Instant AS_OF = Instant.parse("2025-06-10T12:00:00Z");

	static final String PATH = "/api/v1/audit/users/" + USER + "/state";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queryGateway;

	@Test
	void answersAuditorsAndAdminsUncached() throws Exception {
		answer(new UserStateView(USER.toString(), AS_OF, AS_OF.minusSeconds(60), 3, 42L, List.of(),
				new WatchlistStateView(List.of(), List.of()), SubscriptionView.NONE));

		for (String role : List.of("AUDITOR", "ADMIN")) {
			this.mvc.perform(get(PATH + "?asOf=2025-06-10T12:00:00Z").with(caller(role)))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.userId").value(USER.toString()))
				.andExpect(jsonPath("$.asOf").value("2025-06-10T12:00:00Z"))
				.andExpect(jsonPath("$.events").value(3))
				.andExpect(jsonPath("$.lastGlobalIndex").value(42))
				.andExpect(jsonPath("$.subscription.status").value("none"));
		}
		assertThat(askedFor(2)).containsOnly(new FindUserStateQuery(new UserId(USER), AS_OF));
	}

	@Test
	void asOfDefaultsToNow() throws Exception {
		answer(new UserStateView(USER.toString(), AS_OF, AS_OF, 0, null, List.of(),
				new WatchlistStateView(List.of(), List.of()), SubscriptionView.NONE));
		Instant before = Instant.parse("2026-01-01T00:00:00Z");

		this.mvc.perform(get(PATH).with(caller("AUDITOR"))).andExpect(status().isOk());

		FindUserStateQuery query = askedFor(1).get(0);
		assertThat(query.userId()).isEqualTo(new UserId(USER));
		assertThat(query.asOf()).isAfter(before);
	}

	@Test
	void anUnknownOrMalformedUserIsNotFound() throws Exception {
		answer(null);

		for (String path : List.of(PATH, "/api/v1/audit/users/not-a-user/state")) {
			this.mvc.perform(get(path).with(caller("AUDITOR")))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.code").value("USER_NOT_FOUND"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2013-02-21T23:59:59.999Z", "1970-01-01T00:00:00Z", "1748240400", "yesterday",
			"+999999999-12-31T23:59:59Z", "2013-02-22" })
	void refusesAnInstantBeforeTheGrandExchangeOrUnreadable(String asOf) throws Exception {
		this.mvc.perform(get(PATH + "?asOf=" + asOf).with(caller("AUDITOR")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.code").isNotEmpty());
		verifyNoInteractions(this.queryGateway);
	}

	@Test
	void refusesAnInstantInTheFuture() throws Exception {
		String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();

		this.mvc.perform(get(PATH + "?asOf=" + tomorrow).with(caller("AUDITOR")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_TIME"));
		verifyNoInteractions(this.queryGateway);
	}

	@Test
	void refusesPlainUsersAndAnonymousCallers() throws Exception {
		this.mvc.perform(get(PATH).with(caller("USER")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("FORBIDDEN"));
		this.mvc.perform(get(PATH)).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.queryGateway);
	}

	private void answer(UserStateView view) {
		given(this.queryGateway.query(any(FindUserStateQuery.class), any(ResponseType.class)))
			.willReturn(CompletableFuture.completedFuture(view));
	}

	@SuppressWarnings("unchecked")
	private List<FindUserStateQuery> askedFor(int times) {
		ArgumentCaptor<FindUserStateQuery> queries = ArgumentCaptor.forClass(FindUserStateQuery.class);
		verify(this.queryGateway, times(times)).query(queries.capture(), any(ResponseType.class));
		return queries.getAllValues();
	}

	private static RequestPostProcessor caller(String role) {
		return jwt().jwt((token) -> token.subject(AUDITOR.toString()))
			.authorities(new SimpleGrantedAuthority("ROLE_" + role));
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
