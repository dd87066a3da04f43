package com.gemetrics.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.gemetrics.api.audit.AuditEventPage;
import com.gemetrics.api.audit.AuditEventView;
import com.gemetrics.api.audit.ListAuditEventsQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(AuditController.class)
@Import({ AuditEventTypes.class, AuditControllerTest.Metrics.class })
class AuditControllerTest {

	static final UUID CALLER = UUID.randomUUID();

	static final String USER = UUID.randomUUID().toString();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueryGateway queryGateway;

	@MockitoBean
	AuditExporter exporter;

	@MockitoBean
	AuditAccessLog accessLog;

	@Test
	void answersAPageForAuditorsAndAdminsAndRecordsTheCall() throws Exception {
		AuditEventView event = new AuditEventView(42, "Flip", "flip-1", 0, "com.gemetrics.api.flip.FlipOpenedEvent",
				"1", Instant.parse("2026-12-01T10:00:00Z"), JsonNodeFactory.instance.objectNode().put("quantity", 10),
				Map.of("actor", USER));
		ListAuditEventsQuery query = new ListAuditEventsQuery("Flip", null, USER,
				"com.gemetrics.api.flip.FlipOpenedEvent", Instant.parse("2026-01-01T00:00:00Z"), null, 41, 2);
		given(this.queryGateway.query(eq(query), eq(AuditEventPage.class)))
			.willReturn(CompletableFuture.completedFuture(new AuditEventPage(List.of(event), 42L)));

		for (String role : List.of("AUDITOR", "ADMIN")) {
			this.mvc
				.perform(get("/api/v1/audit/events?aggregateType=Flip&userId=" + USER
						+ "&eventType=FlipOpenedEvent&from=2026-01-01T00:00:00Z&after=41&limit=2")
					.with(caller(role)))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.items[0].globalPosition").value(42))
				.andExpect(jsonPath("$.items[0].aggregateType").value("Flip"))
				.andExpect(jsonPath("$.items[0].type").value("com.gemetrics.api.flip.FlipOpenedEvent"))
				.andExpect(jsonPath("$.items[0].revision").value("1"))
				.andExpect(jsonPath("$.items[0].timestamp").value("2026-12-01T10:00:00Z"))
				.andExpect(jsonPath("$.items[0].payload.quantity").value(10))
				.andExpect(jsonPath("$.items[0].metadata.actor").value(USER))
				.andExpect(jsonPath("$.nextAfter").value(42));
		}
		verify(this.accessLog, org.mockito.Mockito.times(2)).record(any(), eq("GET /api/v1/audit/events"),
				eq(Map.of("aggregateType", "Flip", "userId", USER, "eventType",
						"com.gemetrics.api.flip.FlipOpenedEvent", "from", "2026-01-01T00:00:00Z", "after", 41L, "limit",
						2)),
				eq(1L), eq(AuditAccessLog.COMPLETE));
	}

	@Test
	void refusesOtherRolesAndAnonymousCallers() throws Exception {
		this.mvc.perform(get("/api/v1/audit/events").with(caller("USER"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/audit/events/export").with(caller("USER"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/audit/events")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/audit/events/export")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.queryGateway, this.exporter, this.accessLog);
	}

	@ParameterizedTest
	@ValueSource(strings = { "userId=42", "eventType=Flip", "eventType=a b", "aggregateType=1Flip", "aggregateId=",
			"limit=0", "limit=1001", "after=-5", "from=2012-01-01T00:00:00Z",
			"from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to=nope", "user=x" })
	void refusesBadParametersBeforeQuerying(String parameters) throws Exception {
		this.mvc.perform(get("/api/v1/audit/events?" + parameters).with(caller("AUDITOR")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.code").isNotEmpty());
		verifyNoInteractions(this.queryGateway, this.exporter);
		verify(this.accessLog, org.mockito.Mockito.never()).record(any(), anyString(), anyMap(), anyLong(),
				anyString());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null",
			value = { "gzip|true", "gzip, deflate, br|true", "br;q=1.0, gzip;q=0.5|true", "*|true", "identity|false",
					"gzip;q=0|false", "gzip;q=0.000|false", "null|false", "deflate|false" })
	void acceptsGzipOnlyWhenTheClientDoes(String acceptEncoding, boolean gzip) {
		assertThat(AuditController.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
	}

	private static RequestPostProcessor caller(String role) {
		return jwt().jwt((token) -> token.subject(CALLER.toString()))
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
