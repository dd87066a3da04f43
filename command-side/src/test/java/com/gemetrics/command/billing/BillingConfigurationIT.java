package com.gemetrics.command.billing;

import com.gemetrics.command.CommandSideApplication;
import com.gemetrics.command.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Billing fails closed like the app's other secrets: switched on (the default) without
 * its Stripe settings, the command side refuses to start outside the {@code dev} profile,
 * naming the variables; under {@code dev} it starts with billing off, whose endpoints
 * answer 503 {@code BILLING_UNAVAILABLE} and whose health is UNKNOWN. Command-line
 * arguments replace the test default {@code ge.stripe.enabled=false}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BillingConfigurationIT {

	@Test
	void refusesToStartWithoutTheStripeSettings() {
		assertThatThrownBy(() -> start("--ge.stripe.enabled=true", "--ge.stripe.api-key=sk_test_x"))
			.hasStackTraceContaining("GE_STRIPE_WEBHOOK_SECRET, GE_STRIPE_PRICE_MONTHLY, GE_STRIPE_PRICE_YEARLY not "
					+ "set: refusing to start");
	}

	@Test
	void startsWithBillingOffUnderTheDevProfileAndAnswers503(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--spring.profiles.active=dev",
				"--ge.stripe.enabled=true")) {
			assertThat(output).contains("GE_STRIPE_API_KEY, GE_STRIPE_WEBHOOK_SECRET")
				.contains("allowed only because the 'dev' profile is active");
			String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.set("Stripe-Signature", "t=1,v1=00");
			ResponseEntity<String> webhook = new TestRestTemplate().exchange(base + StripeWebhookController.PATH,
					HttpMethod.POST, new HttpEntity<>("{\"id\": \"evt_1\"}", headers), String.class);
			ResponseEntity<String> health = new TestRestTemplate().getForEntity(base + "/actuator/health/deep",
					String.class);

			assertThat(webhook.getStatusCode().value()).isEqualTo(503);
			assertThat(webhook.getBody()).contains("BILLING_UNAVAILABLE");
			assertThat(health.getBody()).contains("\"stripe\":{\"status\":\"UNKNOWN\"");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--ge.poller.enabled=false";
		System.arraycopy(args, 0, all, 2, args.length);
		return new SpringApplicationBuilder(CommandSideApplication.class).initializers(new RealInfrastructure())
			.run(all);
	}

}
