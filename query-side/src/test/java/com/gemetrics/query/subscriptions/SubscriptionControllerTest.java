package com.gemetrics.query.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.subscription.FindSubscriptionQuery;
import com.gemetrics.api.subscription.ListSubscriptionsQuery;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionPage;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SubscriptionSummaryView;
import com.gemetrics.api.subscription.SubscriptionView;
import com.gemetrics.api.user.UserId;
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
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(SubscriptionController.class)
@Import(SubscriptionControllerTest.Metrics.class)
class SubscriptionControllerTest {

	static final UUID USER = UUID.randomUUID();

	static final Instant PERIOD_END = Instant.parse("2027-01-01T10:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queryGateway;

	@Test
	void answersTheCallersSubscriptionWithItsEntitlementsUncached() throws Exception {
		given(this.queryGateway.query(eq(new FindSubscriptionQuery(new UserId(USER))), eq(SubscriptionView.class)))
			.willReturn(CompletableFuture.completedFuture(
					new SubscriptionView(Plan.PREMIUM_YEARLY, "past_due", PERIOD_END, true, Entitlements.PREMIUM)));

		this.mvc.perform(get("/api/v1/me/subscription").with(user("USER")))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.plan").value("PREMIUM_YEARLY"))
			.andExpect(jsonPath("$.status").value("past_due"))
			.andExpect(jsonPath("$.currentPeriodEnd").value("2027-01-01T10:00:00Z"))
			.andExpect(jsonPath("$.cancelAtPeriodEnd").value(true))
			.andExpect(jsonPath("$.entitlements.premium").value(true))
			.andExpect(jsonPath("$.entitlements.maxWatchedItems").value(200))
			.andExpect(jsonPath("$.entitlements.maxAlertRules").value(500))
			.andExpect(jsonPath("$.entitlements.webhookAlerts").value(true))
			.andExpect(jsonPath("$.entitlements.historyDays").value(36_500))
			.andExpect(jsonPath("$.entitlements.csvImportRows").value(2_000))
			.andExpect(jsonPath("$.entitlements.csvExportRows").value(1_000_000))
			.andExpect(jsonPath("$.entitlements.dataRequestsPerMinuteFactor").value(10));
	}

	@Test
	void answersTheFreePlanForAUserWhoNeverSubscribed() throws Exception {
		given(this.queryGateway.query(eq(new FindSubscriptionQuery(new UserId(USER))), eq(SubscriptionView.class)))
			.willReturn(CompletableFuture.completedFuture(SubscriptionView.NONE));

		this.mvc.perform(get("/api/v1/me/subscription").with(user("USER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.plan").value("FREE"))
			.andExpect(jsonPath("$.status").value("none"))
			.andExpect(jsonPath("$.currentPeriodEnd").isEmpty())
			.andExpect(jsonPath("$.cancelAtPeriodEnd").value(false))
			.andExpect(jsonPath("$.entitlements.premium").value(false))
			.andExpect(jsonPath("$.entitlements.maxWatchedItems").value(20))
			.andExpect(jsonPath("$.entitlements.csvExportRows").value(1_000));
	}

	@Test
	void refusesAnonymousCallers() throws Exception {
		this.mvc.perform(get("/api/v1/me/subscription")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/admin/subscriptions")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.queryGateway);
	}

	@Test
	void listsAPageForAdminsAndAuditorsOnly() throws Exception {
		SubscriptionSummaryView row = new SubscriptionSummaryView(USER.toString(), "subscription-" + UUID.randomUUID(),
				Plan.PREMIUM_MONTHLY, "active", "sub_1", "cus_1", PERIOD_END, false, null, true,
				Instant.parse("2026-12-01T10:00:00Z"));
		given(this.queryGateway.query(eq(new ListSubscriptionsQuery(SubscriptionStatus.ACTIVE, 2, null)),
				eq(SubscriptionPage.class)))
			.willReturn(CompletableFuture.completedFuture(new SubscriptionPage(List.of(row), "next")));

		for (String role : List.of("ADMIN", "AUDITOR")) {
			this.mvc.perform(get("/api/v1/admin/subscriptions?status=active&limit=2").with(user(role)))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.items[0].userId").value(USER.toString()))
				.andExpect(jsonPath("$.items[0].plan").value("PREMIUM_MONTHLY"))
				.andExpect(jsonPath("$.items[0].status").value("active"))
				.andExpect(jsonPath("$.items[0].stripeSubscriptionId").value("sub_1"))
				.andExpect(jsonPath("$.items[0].premium").value(true))
				.andExpect(jsonPath("$.nextCursor").value("next"));
		}
		this.mvc.perform(get("/api/v1/admin/subscriptions").with(user("USER"))).andExpect(status().isForbidden());
	}

	@Test
	void passesAValidCursorOnAndDefaultsTheLimit() throws Exception {
		String cursor = new SubscriptionCursor(USER).encode();
		given(this.queryGateway.query(eq(new ListSubscriptionsQuery(null, 100, cursor)), eq(SubscriptionPage.class)))
			.willReturn(CompletableFuture.completedFuture(new SubscriptionPage(List.of(), null)));

		this.mvc.perform(get("/api/v1/admin/subscriptions?cursor=" + cursor).with(user("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isEmpty());
	}

	@ParameterizedTest
	@ValueSource(strings = { "status=premium", "status=", "status=ACTIVE ", "limit=0", "limit=501", "cursor=nope",
			"cursor=djE6bm90LWEtdXVpZA" })
	void refusesBadParametersBeforeQuerying(String parameter) throws Exception {
		this.mvc.perform(get("/api/v1/admin/subscriptions?" + parameter).with(user("ADMIN")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.code").isNotEmpty());
		verifyNoInteractions(this.queryGateway);
	}

	@Test
	void acceptsAStatusInAnyCase() throws Exception {
		given(this.queryGateway.query(any(ListSubscriptionsQuery.class), eq(SubscriptionPage.class)))
			.willReturn(CompletableFuture.completedFuture(new SubscriptionPage(List.of(), null)));

		this.mvc.perform(get("/api/v1/admin/subscriptions?status=PAST_DUE").with(user("AUDITOR")))
			.andExpect(status().isOk());
	}

	private static RequestPostProcessor user(String role) {
		return jwt().jwt((token) -> token.subject(USER.toString()))
			.authorities(new SimpleGrantedAuthority("ROLE_" + role));
	}

	@TestConfiguration
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
