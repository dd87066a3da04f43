package com.gemetrics.command.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	@Test
	void countsIpv4AddressesOneByOne() {
		assertThat(LoginThrottle.ipId("203.0.113.7")).isEqualTo("ip:203.0.113.7");
	}

	@Test
	void countsIpv6AddressesByTheirSlash64() {
		assertThat(LoginThrottle.ipId("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.ipId("2001:db8:1:2:bbbb::9"))
			.isEqualTo("ip:20010db800010002::/64");
		assertThat(LoginThrottle.ipId("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.ipId("2001:db8:1:2::1"));
	}

}
