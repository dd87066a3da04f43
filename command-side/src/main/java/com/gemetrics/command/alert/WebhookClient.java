package com.gemetrics.command.alert;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

import com.gemetrics.command.outbound.Deadline;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs alert JSON to webhooks: HTTPS only, every connection's addresses resolved through
 * the {@link WebhookAddressPolicy} (so the address connected to is the one checked), no
 * redirects, no retries, no cookies, no proxy, no connection reuse, short connect and
 * read timeouts, and a total deadline from name resolution to the status line (a server
 * trickling its headers byte by byte defeats a read timeout, not the deadline: the
 * request is cancelled when it passes). Only the status counts: the body is never read.
 */
class WebhookClient implements Closeable {

	private final CloseableHttpClient client;

	private final Duration deadline;

	WebhookClient(WebhookAddressPolicy policy, AlertProperties.Webhook properties, Duration deadline, SSLContext tls,
			HostnameVerifier hostnames) {
		this.deadline = deadline;
		Timeout connect = Timeout.of(properties.connectTimeout());
		Timeout read = Timeout.of(properties.readTimeout());
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDnsResolver(new PolicyResolver(policy))
			.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls, hostnames))
			.setDefaultConnectionConfig(
					ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
			.setMaxConnTotal(20)
			.setMaxConnPerRoute(2)
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(connections)
			.setConnectionReuseStrategy((request, response, context) -> false)
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.setUserAgent("GE-Metrics-Alerts/1")
			.setDefaultRequestConfig(
					RequestConfig.custom().setResponseTimeout(read).setConnectionRequestTimeout(connect).build())
			.build();
	}

	/**
	 * Posts the JSON and answers the HTTP status.
	 * @throws WebhookAddressPolicy.AddressRejectedException if the host resolves to a
	 * refused address now
	 * @throws SocketTimeoutException if it did not answer within a timeout or the
	 * deadline
	 * @throws IOException if it cannot be reached
	 */
	int post(URI url, String json) throws IOException {
		if (!"https".equalsIgnoreCase(url.getScheme())) {
			throw new WebhookAddressPolicy.AddressRejectedException("webhooks are https only");
		}
		HttpPost request = new HttpPost(url);
		request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
		try (Deadline deadline = Deadline.start(this.deadline)) {
			deadline.onExpiry(request::cancel);
			try (ClassicHttpResponse response = this.client.executeOpen(null, request, null)) {
				return response.getCode();
			}
			catch (IOException | RuntimeException ex) {
				if (deadline.expired()) {
					SocketTimeoutException timeout = new SocketTimeoutException(
							"no answer within the deadline of " + this.deadline);
					timeout.initCause(ex);
					throw timeout;
				}
				throw ex;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.client.close();
	}

	/** Name resolution for the HTTP client, through the policy. */
	private record PolicyResolver(WebhookAddressPolicy policy) implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			return this.policy.resolveAllowed(host);
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	}

}
