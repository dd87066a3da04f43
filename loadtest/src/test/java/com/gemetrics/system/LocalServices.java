package com.gemetrics.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the system tests start beside the jars: the OSRS Wiki prices API serving the
 * recorded responses, and the verification token out of a mail the command side sent.
 */
final class LocalServices {

	/** The real API refuses default client user agents; so does the stub. */
	static final String USER_AGENT_PREFIX = "GE-Metrics";

	static final Pattern MAILED_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

	private LocalServices() {
	}

	/**
	 * A started stub serving every recorded endpoint the poller and the history import
	 * call.
	 */
	static WireMockServer osrsStub() throws IOException {
		WireMockServer osrs = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		osrs.start();
		osrs.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(403)));
		serve(osrs, "/mapping", "mapping_2025-05-23.json");
		serve(osrs, "/latest", "latest_2025-05-26.json");
		serve(osrs, "/5m", "5m_latest_2025-05-26.json");
		serve(osrs, "/1h", "1h_1748242800.json");
		serve(osrs, "/timeseries", "timeseries_v1_1h_item8778_2022-06.json");
		return osrs;
	}

	static void serve(WireMockServer osrs, String path, String fixture) throws IOException {
		osrs.stubFor(get(urlPathEqualTo(path)).atPriority(1)
			.withHeader("User-Agent", matching(USER_AGENT_PREFIX + ".*"))
			.willReturn(okJson(new String(osrsFixture(fixture), StandardCharsets.UTF_8))));
	}

	/** A recorded response, from {@code devstack}'s fixtures on the test class path. */
	static byte[] osrsFixture(String name) throws IOException {
		try (InputStream in = LocalServices.class.getResourceAsStream("/fixtures/osrs/" + name)) {
			if (in == null) {
				throw new IllegalStateException("fixture " + name + " is not on the classpath");
			}
			return in.readAllBytes();
		}
	}

	/** The verification token in the first mail to {@code address}, waiting for it. */
	static String mailedToken(GreenMail mail, String address) {
		await("the verification mail to " + address).atMost(Duration.ofMinutes(1))
			.until(() -> mail.getReceivedMessagesForDomain(address).length > 0);
		MimeMessage message = mail.getReceivedMessagesForDomain(address)[0];
		Matcher token = MAILED_TOKEN.matcher(GreenMailUtil.getBody(message));
		assertThat(token.find()).as("a token in the verification mail").isTrue();
		return token.group(1);
	}

}
