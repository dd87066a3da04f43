package com.gemetrics.command.alert;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook client against a local HTTPS stub (WireMock, self-signed). Reaching the
 * stub at all needs a test-only address policy that allows loopback and a test-only trust
 * of the stub's certificate: both are constructor arguments, so production wiring
 * ({@link AlertConfig}: public addresses, the JVM's trust store and host name checks) is
 * not weakened. The production policy is tested against the same live stub, and refuses
 * it.
 */
class WebhookClientTest {

	@RegisterExtension
	static WireMockExtension stub = WireMockExtension.newInstance()
		.options(wireMockConfig().httpDisabled(true).dynamicHttpsPort())
		.build();

	private static final AlertProperties.Webhook TIMEOUTS = new AlertProperties.Webhook(Duration.ofSeconds(2),
			Duration.ofMillis(500), 2048);

	private WebhookClient client;

	@AfterEach
	void close() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void postsTheJsonAndAnswersTheStatus() throws Exception {
		stub.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
		this.client = client(new WebhookAddressPolicy(InetAddress::getAllByName, (address) -> true));

		int status = this.client.post(url("/hook"), "{\"alertId\":\"a1\"}");

		assertThat(status).isEqualTo(204);
		stub.verify(postRequestedFor(urlEqualTo("/hook"))
			.withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
			.withRequestBody(equalToJson("{\"alertId\":\"a1\"}")));
	}

	@Test
	void followsNoRedirect() throws Exception {
		stub.stubFor(
				post("/hook").willReturn(aResponse().withStatus(307).withHeader("Location", url("/other").toString())));
		this.client = client(new WebhookAddressPolicy(InetAddress::getAllByName, (address) -> true));

		assertThat(this.client.post(url("/hook"), "{}")).isEqualTo(307);
		stub.verify(0, postRequestedFor(urlEqualTo("/other")));
	}

	@Test
	void giveUpWaitingAfterTheReadTimeout() {
		stub.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
		this.client = client(new WebhookAddressPolicy(InetAddress::getAllByName, (address) -> true));

		assertThatThrownBy(() -> this.client.post(url("/slow"), "{}")).isInstanceOf(SocketTimeoutException.class);
	}

	@Test
	void theProductionPolicyRefusesTheLoopbackStub() {
		stub.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
		this.client = client(WebhookAddressPolicy.publicOnly(InetAddress::getAllByName));

		assertThatThrownBy(() -> this.client.post(url("/hook"), "{}"))
			.isInstanceOf(WebhookAddressPolicy.AddressRejectedException.class);
		stub.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aHostThatRebindsToLoopbackAfterTheCheckIsRefusedAtSendTime() throws Exception {
		stub.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
		AtomicReference<String> answer = new AtomicReference<>("93.184.215.14");
		WebhookAddressPolicy policy = WebhookAddressPolicy
			.publicOnly((host) -> new InetAddress[] { InetAddress.getByName(answer.get()) });
		URI hook = URI.create("https://hooks.example.com:" + stub.getRuntimeInfo().getHttpsPort() + "/hook");
		assertThat(new WebhookUrls(policy, 2048).check(hook.toString())).isEqualTo(hook);
		this.client = client(policy);

		answer.set("127.0.0.1");

		assertThatThrownBy(() -> this.client.post(hook, "{}"))
			.isInstanceOf(WebhookAddressPolicy.AddressRejectedException.class);
		stub.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void refusesPlainHttp() {
		this.client = client(new WebhookAddressPolicy(InetAddress::getAllByName, (address) -> true));

		assertThatThrownBy(() -> this.client.post(URI.create("http://127.0.0.1:1/hook"), "{}"))
			.isInstanceOf(WebhookAddressPolicy.AddressRejectedException.class);
	}

	private static URI url(String path) {
		return URI.create("https://127.0.0.1:" + stub.getRuntimeInfo().getHttpsPort() + path);
	}

	private static WebhookClient client(WebhookAddressPolicy policy) {
		return new WebhookClient(policy, TIMEOUTS, Duration.ofSeconds(5), trustingTheStub(),
				NoopHostnameVerifier.INSTANCE);
	}

	/** Test only: trusts WireMock's self-signed certificate. */
	static SSLContext trustingTheStub() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new X509TrustManager() {

				@Override
				public void checkClientTrusted(X509Certificate[] chain, String authType) {
				}

				@Override
				public void checkServerTrusted(X509Certificate[] chain, String authType) {
				}

				@Override
				public X509Certificate[] getAcceptedIssuers() {
					return new X509Certificate[0];
				}

			} }, new SecureRandom());
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
