package com.gemetrics.command.billing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.gemetrics.platform.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/** The signature check with Stripe's real scheme, and what is stored. */
class StripeWebhooksTest {

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private final StripeGateway gateway = mock(StripeGateway.class);

	private final StripeInbox inbox = mock(StripeInbox.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private StripeWebhooks webhooks;

	static StripeProperties properties() {
		return new StripeProperties(true, StripeStub.API_KEY, StripeStub.WEBHOOK_SECRET,
				URI.create("http://127.0.0.1:9"), StripeStub.MONTHLY, StripeStub.YEARLY,
				URI.create("https://app.test/billing/success"), URI.create("https://app.test/billing/canceled"),
				URI.create("https://app.test/account/billing"), Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
				Duration.ofSeconds(300), DataSize.ofKilobytes(256), Duration.ofSeconds(60),
				new StripeProperties.Inbox(Duration.ofSeconds(1), 20, 10, Duration.ofSeconds(10), Duration.ofHours(1),
						Duration.ofDays(30)));
	}

	@BeforeEach
	void setUp() {
		this.webhooks = new StripeWebhooks(this.gateway, properties(), this.inbox, new BillingMetrics(this.meters),
				Clock.fixed(NOW, ZoneOffset.UTC));
		given(this.inbox.store(anyString(), anyString(), anyString(), any(), anyBoolean(), any())).willReturn(true);
	}

	private static String event(String id, String type) {
		return StripeStub.write(Map.of("id", id, "object", "event", "type", type, "created",
				NOW.minusSeconds(5).getEpochSecond(), "api_version", "2020-08-27", "data",
				Map.of("object", Map.of("id", "sub_1", "object", "subscription"))));
	}

	private boolean receive(String body, String signature) {
		return this.webhooks.receive(body.getBytes(StandardCharsets.UTF_8), signature);
	}

	private double counted(String outcome) {
		return this.meters.get("ge.billing.webhooks").tag("outcome", outcome).counter().count();
	}

	@Test
	void aSignedEventIsStoredForProcessing() {
		String body = event("evt_1", "customer.subscription.updated");

		assertThat(receive(body, StripeStub.signature(body, NOW, StripeStub.WEBHOOK_SECRET))).isTrue();

		then(this.inbox).should().store("evt_1", "customer.subscription.updated", body, NOW.minusSeconds(5), true, NOW);
		assertThat(counted("accepted")).isEqualTo(1);
	}

	@Test
	void anEventWeDoNotActOnIsStoredAsProcessed() {
		String body = event("evt_2", "customer.created");

		receive(body, StripeStub.signature(body, NOW, StripeStub.WEBHOOK_SECRET));

		then(this.inbox).should().store(eq("evt_2"), eq("customer.created"), eq(body), any(), eq(false), eq(NOW));
	}

	@Test
	void aRedeliveryIsAcceptedAndCountedAsADuplicate() {
		String body = event("evt_3", "invoice.paid");
		given(this.inbox.store(eq("evt_3"), anyString(), anyString(), any(), anyBoolean(), any())).willReturn(false);

		assertThat(receive(body, StripeStub.signature(body, NOW, StripeStub.WEBHOOK_SECRET))).isFalse();

		assertThat(counted("duplicate")).isEqualTo(1);
		assertThat(counted("accepted")).isZero();
	}

	@Test
	void aSignatureUpTo300SecondsOldIsAccepted() {
		String body = event("evt_4", "invoice.paid");

		assertThat(receive(body, StripeStub.signature(body, NOW.minusSeconds(299), StripeStub.WEBHOOK_SECRET)))
			.isTrue();
	}

	@Test
	void refusesAStaleSignature() {
		String body = event("evt_5", "invoice.paid");

		assertRefused(body, StripeStub.signature(body, NOW.minusSeconds(301), StripeStub.WEBHOOK_SECRET));
	}

	@Test
	void refusesAnotherSecretATamperedBodyAndNoSignature() {
		String body = event("evt_6", "invoice.paid");
		String signature = StripeStub.signature(body, NOW, StripeStub.WEBHOOK_SECRET);

		assertRefused(body, StripeStub.signature(body, NOW, "whsec_other"));
		assertRefused(body.replace("evt_6", "evt_7"), signature);
		assertRefused(body, null);
		assertRefused(body, "");
		assertRefused(body, "v1=" + signature.substring(signature.indexOf("v1=") + 3));
		assertThat(counted("refused")).isEqualTo(5);
	}

	@Test
	void refusesASignedBodyThatIsNotAnEvent() {
		String body = "not json at all";

		assertThatThrownBy(() -> receive(body, StripeStub.signature(body, NOW, StripeStub.WEBHOOK_SECRET)))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.status().value()).isEqualTo(400);
				assertThat(ex.code()).isEqualTo("STRIPE_EVENT_INVALID");
			});
		then(this.inbox).shouldHaveNoInteractions();
	}

	@Test
	void refusesABodyOverTheCapBeforeCheckingIt() {
		String body = "{\"id\": \"evt_8\", \"pad\": \"" + "x".repeat(256 * 1024) + "\"}";

		assertThatThrownBy(() -> receive(body, StripeStub.signature(body, NOW, StripeStub.WEBHOOK_SECRET)))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> assertThat(ex.status().value()).isEqualTo(413));
		then(this.inbox).shouldHaveNoInteractions();
	}

	@Test
	void billingOffAnswers503AndStoresNothing() {
		willThrow(BillingUnavailable.off()).given(this.gateway).requireOn();
		String body = event("evt_9", "invoice.paid");

		assertThatThrownBy(() -> receive(body, StripeStub.signature(body, NOW, StripeStub.WEBHOOK_SECRET)))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.status().value()).isEqualTo(503);
				assertThat(ex.code()).isEqualTo("BILLING_UNAVAILABLE");
			});
		then(this.inbox).shouldHaveNoInteractions();
	}

	private void assertRefused(String body, String signature) {
		assertThatThrownBy(() -> receive(body, signature)).isInstanceOfSatisfying(ApiException.class, (ex) -> {
			assertThat(ex.status().value()).isEqualTo(400);
			assertThat(ex.code()).isEqualTo("STRIPE_SIGNATURE_INVALID");
		});
		then(this.inbox).shouldHaveNoInteractions();
	}

}
