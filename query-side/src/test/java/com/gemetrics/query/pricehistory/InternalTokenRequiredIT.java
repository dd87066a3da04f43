package com.gemetrics.query.pricehistory;

import com.gemetrics.query.QuerySideApplication;
import com.gemetrics.query.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query side sends {@code GE_INTERNAL_TOKEN} to the command side and refuses to start
 * without it outside the {@code dev} profile; under {@code dev} it starts with a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class InternalTokenRequiredIT {

	@Test
	void refusesToStartWithoutTheInternalToken() {
		assertThatThrownBy(() -> start("--ge.command-side.internal-token="))
			.hasStackTraceContaining("GE_INTERNAL_TOKEN is not set: refusing to start");
	}

	@Test
	void startsWithoutItUnderTheDevProfileAndSaysSo(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--spring.profiles.active=dev",
				"--ge.command-side.internal-token=")) {
			assertThat(context.isRunning()).isTrue();
			assertThat(output).contains("GE_INTERNAL_TOKEN is not set")
				.contains("allowed only because the 'dev' profile is active");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		return new SpringApplicationBuilder(QuerySideApplication.class).initializers(new RealInfrastructure()).run(all);
	}

}
