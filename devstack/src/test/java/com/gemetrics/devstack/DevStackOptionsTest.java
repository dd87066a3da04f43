package com.gemetrics.devstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevStackOptionsTest {

	@Test
	void theMailCatcherIsOnByDefaultOnItsOwnPorts() {
		DevStackOptions options = DevStackOptions.parse(new String[0], Map.of());

		assertThat(options.mailCatcher()).isTrue();
		assertThat(options.smtpPort()).isEqualTo(2525);
		assertThat(options.mailPort()).isEqualTo(8025);
	}

	@Test
	void flagsAndVariablesChooseTheMailCatchersPorts() {
		DevStackOptions options = DevStackOptions.parse(new String[] { "--smtp-port=3525" },
				Map.of("GE_DEVSTACK_SMTP_PORT", "4525", "GE_DEVSTACK_MAIL_PORT", "9025"));

		assertThat(options.smtpPort()).isEqualTo(3525);
		assertThat(options.mailPort()).isEqualTo(9025);
	}

	@Test
	void noMailCatcherWhenAskedOrWhenTheMailGoesToARealServer() {
		assertThat(DevStackOptions.parse(new String[] { "--no-mail" }, Map.of()).mailCatcher()).isFalse();
		assertThat(DevStackOptions.parse(new String[0], Map.of("GE_DEVSTACK_MAIL", "false")).mailCatcher()).isFalse();
		assertThat(DevStackOptions.parse(new String[0], Map.of("SPRING_MAIL_HOST", "smtp.example.com")).mailCatcher())
			.isFalse();
	}

	@Test
	void refusesAnUnknownFlagOrAPortOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevStackOptions.parse(new String[] { "--mail" }, Map.of()))
			.withMessageContaining("unknown option --mail");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevStackOptions.parse(new String[] { "--mail-port=70000" }, Map.of()))
			.withMessageContaining("--mail-port out of range");
	}

}
