package com.gemetrics.command.user;

import java.time.Duration;

import com.gemetrics.platform.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy(new AccountProperties("https://app.example.test", "",
			Duration.ofHours(24), Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofDays(7),
			new AccountProperties.Login(5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1)),
			new AccountProperties.Password(10, 1024, 2, Duration.ofSeconds(5)),
			new AccountProperties.Mail("no-reply@example.test", Duration.ofSeconds(1), 20, 8, Duration.ofSeconds(30))));

	@ParameterizedTest
	@CsvSource({ "short, PASSWORD_TOO_SHORT", "123456789, PASSWORD_TOO_SHORT", "Password1234, PASSWORD_TOO_COMMON",
			"QWERTYUIOP, PASSWORD_TOO_COMMON", "1q2w3e4r5t, PASSWORD_TOO_COMMON" })
	void refuses(String password, String code) {
		assertThatThrownBy(() -> this.policy.check(password)).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(code));
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse battery staple",
			"\ud83d\udc34\ud83d\udc34\ud83d\udc34\ud83d\udc34\ud83d\udc34 five horses",
			"\u043f\u0430\u0440\u043e\u043b\u044c-\u0434\u043b\u0438\u043d\u043d\u044b\u0439" })
	void acceptsPassphrasesInAnyScript(String password) {
		assertThatNoException().isThrownBy(() -> this.policy.check(password));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1025, 5000 })
	void refusesOverlongPasswords(int length) {
		assertThatThrownBy(() -> this.policy.check("p".repeat(length))).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("PASSWORD_TOO_LONG"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\ud83d\udc34\ud83d\udc34\ud83d\udc34\ud83d\udc34\ud83d\udc34" })
	void countsCodePointsNotUtf16Units(String fiveEmoji) {
		assertThatThrownBy(() -> this.policy.check(fiveEmoji)).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("PASSWORD_TOO_SHORT"));
	}

}
