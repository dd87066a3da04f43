package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.gemetrics.api.flip.FlipPage;
import com.gemetrics.api.flip.ListFlipsQuery;
import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.subscription.EntitlementLookup;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(FlipsController.class)
@Import(FlipsControllerTest.Properties.class)
class FlipsControllerTest {

	static final UUID USER = UUID.randomUUID();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queries;

	@MockitoBean
	JournalConsistency consistency;

	@MockitoBean
	FlipExporter exporter;

	@MockitoBean
	EntitlementLookup entitlements;

	@Test
	void exportsAtMostThePlansRows() throws Exception {
		given(this.exporter.export(any(), any(), anyBoolean(), anyInt())).willReturn(ResponseEntity.ok().build());
		given(this.entitlements.forUser(USER)).willReturn(Entitlements.FREE, Entitlements.PREMIUM);

		this.mvc.perform(get("/api/v1/flips/export").with(caller())).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/flips/export?format=json").with(caller())).andExpect(status().isOk());

		then(this.exporter).should().export(USER, FlipExporter.Format.CSV, false, 1_000);
		then(this.exporter).should().export(USER, FlipExporter.Format.JSON, false, 1_000_000);
	}

	@Test
	void asksForTheCallersFlipsWithTheDefaultPageSize() throws Exception {
		ListFlipsQuery query = new ListFlipsQuery(new UserId(USER), 4151, "main", null, null, "open", 50, null);
		given(this.queries.query(eq(query), any(ResponseType.class)))
			.willReturn(CompletableFuture.completedFuture(new FlipPage(List.of(), null)));

		this.mvc.perform(get("/api/v1/flips?item=4151&account=main&status=OPEN").with(caller()))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.items").isEmpty());
	}

	@Test
	void passesTheCursorOfThePreviousPageAsSent() throws Exception {
		String cursor = new FlipCursor(Instant.parse("2025-06-01T12:00:00Z"), UUID.randomUUID()).encode();
		ListFlipsQuery query = new ListFlipsQuery(new UserId(USER), null, null, null, null, null, 2, cursor);
		given(this.queries.query(eq(query), any(ResponseType.class)))
			.willReturn(CompletableFuture.completedFuture(new FlipPage(List.of(), null)));

		this.mvc.perform(get("/api/v1/flips?limit=2&cursor=" + cursor).with(caller()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isEmpty());
	}

	@Test
	void refusesBadParametersBeforeAnyQuery() throws Exception {
		expectProblem("/api/v1/flips?limit=500", "INVALID_LIMIT");
		expectProblem("/api/v1/flips?cursor=abc", "INVALID_CURSOR");
		expectProblem("/api/v1/flips?status=any", "INVALID_STATUS");
		expectProblem("/api/v1/flips?account=" + "a".repeat(33), "INVALID_ACCOUNT");
		// a NUL byte reached PostgreSQL and answered 500 before accounts were checked by
		// the command rule
		expectProblem("/api/v1/flips?account=a%00b", "INVALID_ACCOUNT");
		expectProblem("/api/v1/flips/stats?account=%00", "INVALID_ACCOUNT");
		expectProblem("/api/v1/flips/positions?account=%27%20OR%201%3D1", "INVALID_ACCOUNT");
		expectProblem("/api/v1/flips?item=-1", "INVALID_ITEM_ID");
		expectProblem("/api/v1/flips?item=whip", "INVALID_PARAMETER");
		expectProblem("/api/v1/flips/export?format=xlsx", "INVALID_FORMAT");
		verifyNoInteractions(this.queries, this.exporter);
	}

	@ParameterizedTest
	@ValueSource(strings = { "from=-3000-01-01T00:00:00Z", "to=9223372036854775807", "from=2013-02-21T23:59:59Z",
			"from=1748240400", "to=-9223372036854775808", "from=9999-12-31T23:59:59.999999001Z" })
	void refusesAbsurdTimesWith400BeforeAnyQuery(String parameter) throws Exception {
		expectProblem("/api/v1/flips?" + parameter, "INVALID_TIME");
		expectProblem("/api/v1/flips/stats?" + parameter, "INVALID_TIME");
		verifyNoInteractions(this.queries);
	}

	@Test
	void needsAnAuthenticatedCaller() throws Exception {
		this.mvc.perform(get("/api/v1/flips")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/flips/stats")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.queries);
	}

	private void expectProblem(String path, String code) throws Exception {
		this.mvc.perform(get(path).with(caller()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(code));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor caller() {
		return jwt().jwt((token) -> token.subject(USER.toString()));
	}

	@TestConfiguration
	static class Properties {

		@Bean
		JournalProperties journalProperties() {
			return new JournalProperties(50, 100, 500);
		}

	}

}
