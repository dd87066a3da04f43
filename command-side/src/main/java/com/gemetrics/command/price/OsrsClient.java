package com.gemetrics.command.price;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.command.outbound.Deadline;
import com.gemetrics.command.outbound.OutboundLane;
import com.gemetrics.command.outbound.OutboundProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The OSRS Wiki real-time prices API. Every call goes through the {@code osrs} circuit
 * breaker and, inside it, is retried with backoff on transient failures (see
 * {@code resilience4j.*} in {@code application.yml}). The whole call, retries included,
 * runs on the {@code osrs} lane under a total deadline
 * ({@code ge.outbound.osrs.deadline}): past it the call is interrupted (which aborts the
 * JDK HTTP client's exchange) and fails, however slowly the server trickles its answer.
 * Callers never hold a database transaction while a call runs. Answers are validated by
 * {@link OsrsResponseParser}; any failure surfaces as an {@link OsrsApiException}.
 */
@Component
class OsrsClient {

	/** The name of the Resilience4j retry and circuit breaker instances. */
	static final String RESILIENCE_NAME = "osrs";

	/**
	 * A response larger than this is refused rather than buffered (/mapping is about 1
	 * MB).
	 */
	static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	private final RestClient rest;

	private final ObjectReader json;

	private final OsrsResponseParser parser;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final OutboundLane lane;

	private final Duration deadline;

	private final Clock clock;

	OsrsClient(@Qualifier("osrsRestClient") RestClient rest, ObjectMapper objectMapper, OsrsResponseParser parser,
			CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			@Qualifier(OutboundLane.OSRS) OutboundLane lane, OutboundProperties outbound, Clock clock) {
		this.lane = lane;
		this.deadline = outbound.osrs().deadline();
		this.rest = rest;
		this.json = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.parser = parser;
		this.circuitBreaker = circuitBreakers.circuitBreaker(RESILIENCE_NAME);
		this.retry = retries.retry(RESILIENCE_NAME);
		this.clock = clock;
	}

	List<CatalogItem> mapping() {
		return call(() -> this.parser.mapping(get("/mapping", uri -> uri.path("/mapping").build())));
	}

	List<PriceQuote> latest() {
		return call(() -> this.parser.latest(get("/latest", uri -> uri.path("/latest").build()), this.clock.instant()));
	}

	WindowSnapshot window(Timestep timestep) {
		String path = "/" + timestep.code();
		return call(() -> this.parser.window(get(path, uri -> uri.path(path).build()), timestep, this.clock.instant()));
	}

	List<HistoryPoint> timeseries(int itemId, Timestep timestep) {
		return call(() -> this.parser.timeseries(get("/timeseries",
				uri -> uri.path("/timeseries")
					.queryParam("timestep", timestep.code())
					.queryParam("id", itemId)
					.build()),
				timestep, this.clock.instant()));
	}

	CircuitBreaker.State circuitState() {
		return this.circuitBreaker.getState();
	}

	private <T> T call(Supplier<T> request) {
		Supplier<T> retried = Retry.decorateSupplier(this.retry,
				CircuitBreaker.decorateSupplier(this.circuitBreaker, request));
		try {
			return this.lane.call(this.deadline, retried::get);
		}
		catch (TimeoutException ex) {
			throw new OsrsUnavailableException("no answer within the deadline of " + this.deadline, ex);
		}
		catch (RejectedExecutionException ex) {
			throw new OsrsUnavailableException("every call slot to the prices API is busy", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OsrsUnavailableException("interrupted while waiting for the prices API", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof CallNotPermittedException) {
				throw new OsrsUnavailableException("circuit breaker 'osrs' is open", cause);
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new OsrsApiException("prices API call failed", cause);
		}
	}

	private JsonNode get(String path, Function<UriBuilder, URI> uri) {
		if (Thread.currentThread().isInterrupted() || Deadline.current().map(Deadline::expired).orElse(false)) {
			throw new OsrsApiException(path + ": cancelled at the deadline");
		}
		byte[] body;
		try {
			body = this.rest.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (status.is5xxServerError() || status.value() == 429) {
					throw new OsrsUnavailableException(path + ": HTTP " + status.value());
				}
				if (!status.is2xxSuccessful()) {
					throw new OsrsApiException(path + ": HTTP " + status.value());
				}
				InputStream stream = response.getBody();
				Optional<Deadline> deadline = Deadline.current();
				deadline.ifPresent((running) -> running.onExpiry(stream));
				return readLimited(path, stream, deadline);
			});
		}
		catch (ResourceAccessException ex) {
			throw new OsrsUnavailableException(path + ": " + ex.getMessage(), ex);
		}
		if (body == null || body.length == 0) {
			throw new OsrsApiException(path + ": empty body");
		}
		try {
			return this.json.readTree(body);
		}
		catch (IOException ex) {
			throw new OsrsApiException(path + ": malformed JSON", ex);
		}
	}

	/**
	 * Reads the body up to the size cap, checking the deadline between reads: a body
	 * trickled byte by byte ends at the deadline, and one that stops altogether is closed
	 * under the reader by the deadline (the JDK client's body stream ignores interrupts
	 * on Java 17).
	 */
	private static byte[] readLimited(String path, InputStream body, Optional<Deadline> deadline) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		int read;
		while ((read = body.read(buffer)) != -1) {
			if (deadline.map(Deadline::expired).orElse(false)) {
				throw new OsrsApiException(path + ": cancelled at the deadline");
			}
			if (bytes.size() + read > MAX_BODY_BYTES) {
				throw new OsrsApiException(path + ": body larger than " + MAX_BODY_BYTES + " bytes");
			}
			bytes.write(buffer, 0, read);
		}
		return bytes.toByteArray();
	}

}
