package com.gemetrics.platform.protection;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientIpTest {

	private final ClientIp trustingProxies = new ClientIp(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

	@ParameterizedTest(name = "peer {0}, X-Forwarded-For [{1}] -> {2}")
	@CsvSource(delimiter = '|', value = {
			// untrusted peers: X-Forwarded-For is ignored
			"203.0.113.9 | 198.51.100.1 | 203.0.113.9", "11.0.0.1 | 198.51.100.1 | 11.0.0.1",
			"192.168.1.8 | 198.51.100.1 | 192.168.1.8",
			// trusted peer: the right-most untrusted hop
			"10.1.2.3 | 198.51.100.1 | 198.51.100.1", "192.168.1.7 | 198.51.100.1 | 198.51.100.1",
			"10.1.2.3 | 1.1.1.1, 198.51.100.1 | 198.51.100.1",
			"10.1.2.3 | 1.1.1.1, 198.51.100.1, 10.9.9.9 | 198.51.100.1", "fd00::1 | 2001:db8::5 | 2001:db8:0:0:0:0:0:5",
			"fd00::1 | 2001:0DB8:0::5 | 2001:db8:0:0:0:0:0:5",
			// every hop trusted: the left-most one
			"10.1.2.3 | 10.4.4.4, 10.5.5.5 | 10.4.4.4",
			// garbage in the chain: stop at the last hop we could read
			"10.1.2.3 | 198.51.100.1, evil.example | 10.1.2.3", "10.1.2.3 | 1.1.1.1, unknown, 10.2.2.2 | 10.2.2.2",
			"10.1.2.3 | 300.1.1.1 | 10.1.2.3" })
	void takesTheRightMostUntrustedHopOnlyFromATrustedPeer(String peer, String forwardedFor, String expected) {
		assertThat(this.trustingProxies.resolve(peer, Collections.enumeration(List.of(forwardedFor))))
			.isEqualTo(expected);
	}

	@Test
	void joinsSeveralForwardedForHeadersInOrder() {
		assertThat(this.trustingProxies.resolve("10.0.0.1",
				Collections.enumeration(List.of("198.51.100.1", "198.51.100.2, 10.3.3.3"))))
			.isEqualTo("198.51.100.2");
	}

	@Test
	void withoutTrustedProxiesTheSocketAddressIsTheClient() {
		ClientIp socketOnly = new ClientIp(List.of(""));

		assertThat(socketOnly.trustsAnyProxy()).isFalse();
		assertThat(socketOnly.resolve("127.0.0.1", Collections.enumeration(List.of("198.51.100.1"))))
			.isEqualTo("127.0.0.1");
	}

	@Test
	void refusesAConfigurationThatIsNotAnAddressRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientIp(List.of("proxy.internal")));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientIp(List.of("10.0.0.0/33")));
	}

}
