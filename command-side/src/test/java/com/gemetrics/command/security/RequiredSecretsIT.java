package com.gemetrics.command.security;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Missing secrets fail closed: outside the {@code dev} profile the command side refuses
 * to start without {@code GE_AUTH_KEY_SECRET} or {@code GE_INTERNAL_TOKEN}, naming the
 * variable; under {@code dev} it starts with a warning. Command-line arguments blank the
 * test defaults ({@code config/application.properties} in the test resources).
 */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSecretsIT {

	@Test
	void refusesToStartWithoutTheKeyEncryptionSecret() {
		assertThatThrownBy(() -> start("--ge.auth.keys.secret="))
			.hasStackTraceContaining("GE_AUTH_KEY_SECRET is not set: refusing to start");
	}

	@Test
	void refusesToStartWithoutTheInternalToken() {
		assertThatThrownBy(() -> start("--ge.auth.internal-token="))
			.hasStackTraceContaining("GE_INTERNAL_TOKEN is not set: refusing to start");
	}

	@Test
	void startsWithoutEitherUnderTheDevProfileAndSaysSo(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--spring.profiles.active=dev", "--ge.auth.keys.secret=",
				"--ge.auth.internal-token=")) {
			assertThat(output).contains("GE_AUTH_KEY_SECRET is not set")
				.contains("GE_INTERNAL_TOKEN is not set")
				.contains("allowed only because the 'dev' profile is active");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			int status = new TestRestTemplate()
				.exchange("http://127.0.0.1:" + port + "/internal/v1/price-history-imports", HttpMethod.POST,
						new HttpEntity<>("{}", headers), String.class)
				.getStatusCode()
				.value();
			assertThat(status).as("dev: /internal/** relies on the network, so no 401/403").isNotIn(401, 403);
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
