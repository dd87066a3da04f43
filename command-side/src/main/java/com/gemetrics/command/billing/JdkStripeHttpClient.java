package com.gemetrics.command.billing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.gemetrics.command.outbound.Deadline;
import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpContent;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

/**
 * stripe-java's transport on the JDK HTTP client, so that a Stripe call obeys the calling
 * thread's {@link Deadline} (ADR 0015): when it passes, the exchange is cancelled and the
 * body stream closed, however slowly the answer trickles in (stripe-java's own
 * {@code HttpURLConnection} transport only has timeouts that restart with every byte).
 * Redirects are not followed; an answer over {@link #MAX_BODY_BYTES} is refused.
 */
final class JdkStripeHttpClient extends com.stripe.net.HttpClient {

	static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	/** Headers the JDK client sets itself and refuses from callers. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private final java.net.http.HttpClient http;

	private final Duration readTimeout;

	JdkStripeHttpClient(Duration connectTimeout, Duration readTimeout) {
		this.http = java.net.http.HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(Redirect.NEVER)
			.build();
		this.readTimeout = readTimeout;
	}

	@Override
	public StripeResponse request(StripeRequest request) throws ApiConnectionException {
		Optional<Deadline> deadline = Deadline.current();
		if (deadline.map(Deadline::expired).orElse(false) || Thread.currentThread().isInterrupted()) {
			throw new ApiConnectionException("Stripe call cancelled at its deadline");
		}
		CompletableFuture<HttpResponse<InputStream>> exchange = this.http.sendAsync(build(request),
				BodyHandlers.ofInputStream());
		deadline.ifPresent((running) -> running.onExpiry(() -> exchange.cancel(true)));
		HttpResponse<InputStream> response;
		try {
			response = exchange.get();
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new ApiConnectionException("Stripe call interrupted", ex);
		}
		catch (CancellationException ex) {
			throw new ApiConnectionException("Stripe call cancelled at its deadline", ex);
		}
		catch (ExecutionException ex) {
			throw new ApiConnectionException("Stripe unreachable: " + ex.getCause(), ex.getCause());
		}
		try (InputStream body = response.body()) {
			deadline.ifPresent((running) -> running.onExpiry(body));
			String text = readLimited(body, deadline);
			return new StripeResponse(response.statusCode(), HttpHeaders.of(response.headers().map()), text);
		}
		catch (IOException ex) {
			throw new ApiConnectionException("Reading Stripe's answer failed: " + ex, ex);
		}
	}

	private HttpRequest build(StripeRequest request) throws ApiConnectionException {
		HttpRequest.Builder builder;
		try {
			builder = HttpRequest.newBuilder(request.url().toURI()).timeout(this.readTimeout);
		}
		catch (URISyntaxException ex) {
			throw new ApiConnectionException("Bad Stripe URL", ex);
		}
		HttpHeaders headers = request.headers()
			.withAdditionalHeaders(Map.of("User-Agent", List.of(buildUserAgentString(request)),
					"X-Stripe-Client-User-Agent", List.of(buildXStripeClientUserAgentString())));
		headers.map().forEach((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		HttpContent content = request.content();
		BodyPublisher body = BodyPublishers.noBody();
		if (content != null) {
			builder.header("Content-Type", content.contentType());
			body = BodyPublishers.ofByteArray(content.byteArrayContent());
		}
		return builder.method(request.method().name(), body).build();
	}

	private static String readLimited(InputStream body, Optional<Deadline> deadline) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[16 * 1024];
		int read;
		while ((read = body.read(buffer)) != -1) {
			if (deadline.map(Deadline::expired).orElse(false)) {
				throw new IOException("cancelled at the deadline");
			}
			if (bytes.size() + read > MAX_BODY_BYTES) {
				throw new IOException("answer larger than " + MAX_BODY_BYTES + " bytes");
			}
			bytes.write(buffer, 0, read);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
