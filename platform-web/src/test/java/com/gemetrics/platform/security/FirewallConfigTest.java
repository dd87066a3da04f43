package com.gemetrics.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The loop-based checks decide exactly as Spring Security's regular expressions do, on
 * the edge cases and on random strings over the whole Unicode range.
 */
class FirewallConfigTest {

	@Test
	void decidesAsTheFirewallsOwnRulesOnEdgeCases() {
		List<String> cases = List.of("", "Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "a\tb", "a\nb",
				"a\rb", "\u0000", "\u007f", "\u0085", "\u009f", "é", "名前", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u0378",
				"\uFFFF", "\uE000", "x\u200By", "\u2028");
		for (String text : cases) {
			assertSame(text);
		}
		assertThat(FirewallConfig.HEADER_VALUES.test(null)).as("a missing value has nothing to refuse").isTrue();
	}

	@Test
	void decidesAsTheFirewallsOwnRulesOnRandomStrings() {
		SplittableRandom random = new SplittableRandom(20261206);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(6);
			for (int j = 0; j < length; j++) {
				int bound = random.nextInt(4);
				int codePoint = (bound == 0) ? random.nextInt(0x100)
						: (bound == 1) ? random.nextInt(0x10000) : random.nextInt(Character.MAX_CODE_POINT + 1);
				text.appendCodePoint(codePoint);
			}
			assertSame(text.toString());
		}
	}

	@Test
	void theFirewallRefusesAControlCharacterInAHeaderAndPassesATab() {
		HttpFirewall firewall = new FirewallConfig().httpFirewall();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/items");
		request.addHeader("X-Good", "a\tb");
		request.addHeader("X-Bad", "a\u0007b");

		assertThat(firewall.getFirewalledRequest(request).getHeader("X-Good")).isEqualTo("a\tb");
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> firewall.getFirewalledRequest(request).getHeader("X-Bad"));
	}

	private static void assertSame(String text) {
		List<String> failures = new ArrayList<>();
		if (FirewallConfig.NAMES.test(text) != StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text)) {
			failures.add("header name");
		}
		if (FirewallConfig.NAMES.test(text) != StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(text)) {
			failures.add("parameter name");
		}
		if (FirewallConfig.HEADER_VALUES.test(text) != StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text)) {
			failures.add("header value");
		}
		assertThat(failures).as("%s", text.codePoints().mapToObj(Integer::toHexString).toList()).isEmpty();
	}

}
