package com.gemetrics.command.axon;

import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.info.BuildProperties;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventMetadataConfigTest {

	private final EventMetadataConfig.MetadataDispatchInterceptor<EventMessage<?>> interceptor = new EventMetadataConfig.MetadataDispatchInterceptor<>(
			"1.2.3");

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
		MDC.clear();
	}

	@Test
	void fillsTheActorRequestCorrelationAndVersionOfAMessageDispatchedFromARequest() {
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(Jwt.withTokenValue("t")
				.header("alg", "none")
				.subject("9b2f9d7e-0000-4000-8000-000000000001")
				.build(), List.of()));
		MDC.put(Actors.REQUEST_ID_MDC_KEY, "req-7");
		EventMessage<?> event = GenericEventMessage.asEventMessage("payload");

		MetaData meta = dispatched(event).getMetaData();

		assertThat(meta).containsEntry(EventMetadata.ACTOR, "9b2f9d7e-0000-4000-8000-000000000001")
			.containsEntry(EventMetadata.REQUEST_ID, "req-7")
			.containsEntry(EventMetadata.CORRELATION_ID, event.getIdentifier())
			.containsEntry(EventMetadata.APP_VERSION, "1.2.3");
	}

	@Test
	void keepsWhatCorrelationDataAlreadySetAndStampsItsOwnVersion() {
		EventMessage<?> event = GenericEventMessage.asEventMessage("payload")
			.andMetaData(Map.of(EventMetadata.ACTOR, "system:alert-policy", EventMetadata.CORRELATION_ID, "root",
					EventMetadata.APP_VERSION, "0.0.1", "stripeCreated", "2026-01-01T00:00:00Z"));

		MetaData meta = Actors.callAs("price-poller", () -> dispatched(event).getMetaData());

		assertThat(meta).containsEntry(EventMetadata.ACTOR, "system:alert-policy")
			.containsEntry(EventMetadata.CORRELATION_ID, "root")
			.containsEntry(EventMetadata.APP_VERSION, "1.2.3")
			.containsEntry("stripeCreated", "2026-01-01T00:00:00Z")
			.doesNotContainKey(EventMetadata.REQUEST_ID);
	}

	@Test
	void namesAnonymousCallersAndUnattributedWork() {
		assertThat(dispatched(GenericEventMessage.asEventMessage("x")).getMetaData()).containsEntry(EventMetadata.ACTOR,
				EventMetadata.UNKNOWN_ACTOR);
		MDC.put(Actors.REQUEST_ID_MDC_KEY, "req-8");
		assertThat(dispatched(GenericEventMessage.asEventMessage("x")).getMetaData()).containsEntry(EventMetadata.ACTOR,
				EventMetadata.ANONYMOUS);
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("internal", null));
		assertThat(Actors.callAs("price-history-import", Actors::current)).hasValue("system:price-history-import");
	}

	@Test
	void theInnermostJobWinsAndTheOuterOneComesBack() {
		Actors.runAs("outer", () -> {
			assertThat(Actors.current()).hasValue("system:outer");
			Actors.runAs("inner", () -> assertThat(Actors.current()).hasValue("system:inner"));
			assertThat(Actors.current()).hasValue("system:outer");
		});
		assertThat(Actors.current()).isEmpty();
		assertThatThrownBy(() -> Actors.runAs("Not A Job", () -> {
		})).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anEventProcessorsHandlerRunsAsTheProcessor() throws Exception {
		InterceptorChain chain = Actors::current;

		Object actor = EventMetadataConfig.processorActor("alert-policy").handle(null, chain);

		assertThat(actor).hasToString("Optional[system:alert-policy]");
		assertThat(Actors.current()).isEmpty();
	}

	@Test
	void theVersionComesFromTheBuildElseTheProperty() {
		java.util.Properties info = new java.util.Properties();
		info.setProperty("version", "0.1.0-SNAPSHOT");
		assertThat(EventMetadataConfig.appVersion(new BuildProperties(info), "9")).isEqualTo("0.1.0-SNAPSHOT");
		assertThat(EventMetadataConfig.appVersion(null, "9")).isEqualTo("9");
		assertThat(EventMetadataConfig.appVersion(null, "")).isEqualTo("unknown");
	}

	private EventMessage<?> dispatched(EventMessage<?> event) {
		return this.interceptor.handle(List.of(event)).apply(0, event);
	}

}
