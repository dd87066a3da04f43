package com.gemetrics.command.alert;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookAddressPolicyTest {

	/** Host names resolved without DNS: each maps to fixed addresses. */
	private static final Map<String, String[]> HOSTS = Map.of("hooks.example.com", new String[] { "93.184.215.14" },
			"v6.example.com", new String[] { "2606:2800:21f:cb07:6820:80da:af6b:8b2c" }, "mixed.example.com",
			new String[] { "93.184.215.14", "10.1.2.3" }, "rebind.example.com", new String[] { "127.0.0.1" },
			"metadata.example.com", new String[] { "169.254.169.254" });

	private final WebhookAddressPolicy policy = WebhookAddressPolicy.publicOnly(WebhookAddressPolicyTest::resolve);

	private final WebhookUrls urls = new WebhookUrls(this.policy, 2048);

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.8.9.10", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
			"192.168.1.1", "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "100.64.0.1", "224.0.0.1",
			"255.255.255.255", "192.0.2.1", "198.18.0.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1",
			"ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1",
			"2001:0:4136:e378::1", "2001:db8::1" })
	void refusesNonPublicAddresses(String literal) throws Exception {
		assertThat(WebhookAddressPolicy.isPublic(InetAddress.getByName(literal))).isFalse();
		assertThatThrownBy(() -> this.policy.resolveAllowed(literal))
			.isInstanceOf(WebhookAddressPolicy.AddressRejectedException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
			"::ffff:8.8.8.8", "2002:808:808::1" })
	void allowsPublicAddresses(String literal) throws Exception {
		assertThat(WebhookAddressPolicy.isPublic(InetAddress.getByName(literal))).isTrue();
	}

	@Test
	void acceptsAnHttpsUrlWhoseHostResolvesOnlyToPublicAddresses() {
		assertThat(this.urls.check("https://hooks.example.com/alerts?secret=s3cr3t"))
			.isEqualTo(URI.create("https://hooks.example.com/alerts?secret=s3cr3t"));
		assertThat(this.urls.check("https://v6.example.com:8443/alerts")).hasHost("v6.example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://hooks.example.com/alerts", "ftp://hooks.example.com/", "hooks.example.com/alerts",
			"https://user:pass@hooks.example.com/", "https://hooks.example.com@127.0.0.1/", "https:///alerts",
			"https://hooks.example.com/#fragment", "https://mixed.example.com/", "https://rebind.example.com/",
			"https://metadata.example.com/latest/meta-data/", "https://127.0.0.1/", "https://[::1]/",
			"https://[fd00::1]/", "https://169.254.169.254/", "https://0.0.0.0/", "https://unknown.example.com/",
			"https://exa mple.com/", "" })
	void refusesOtherUrls(String url) {
		assertThatThrownBy(() -> this.urls.check(url)).isInstanceOf(WebhookUrlRejected.class)
			.satisfies((ex) -> assertThat(((WebhookUrlRejected) ex).code()).isEqualTo("WEBHOOK_URL_REJECTED"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("pass"));
	}

	@Test
	void refusesATooLongUrl() {
		assertThatThrownBy(() -> this.urls.check("https://hooks.example.com/" + "a".repeat(2048)))
			.isInstanceOf(WebhookUrlRejected.class);
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		String[] literals = HOSTS.get(host);
		if (literals == null) {
			if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
				return new InetAddress[] { InetAddress.getByName(host) };
			}
			throw new UnknownHostException(host);
		}
		InetAddress[] addresses = new InetAddress[literals.length];
		for (int i = 0; i < literals.length; i++) {
			addresses[i] = InetAddress.getByName(literals[i]);
		}
		return addresses;
	}

}
