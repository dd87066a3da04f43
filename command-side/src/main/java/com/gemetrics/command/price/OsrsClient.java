package com.gemetrics.command.price;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
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
 * {@code resilience4j.*} in {@code application.yml}). Answers are validated by
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

	private final Clock clock;

	OsrsClient(@Qualifier("osrsRestClient") RestClient rest, ObjectMapper objectMapper, OsrsResponseParser parser,
			CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, Clock clock) {
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
		Supplier<T> guarded = CircuitBreaker.decorateSupplier(this.circuitBreaker, request);
		try {
			return Retry.decorateSupplier(this.retry, guarded).get();
		}
		catch (CallNotPermittedException ex) {
			throw new OsrsUnavailableException("circuit breaker 'osrs' is open", ex);
		}
	}

	private JsonNode get(String path, Function<UriBuilder, URI> uri) {
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
				return readLimited(path, response.getBody());
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

	private static byte[] readLimited(String path, InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
		if (bytes.length > MAX_BODY_BYTES) {
			throw new OsrsApiException(path + ": body larger than " + MAX_BODY_BYTES + " bytes");
		}
		return bytes;
	}

}
