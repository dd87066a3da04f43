package com.gemetrics.query.pricehistory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.gemetrics.api.price.Timestep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the command side to import an item's {@code /timeseries} history:
 * {@code POST /internal/v1/price-history-imports}, with the shared secret
 * {@code GE_INTERNAL_TOKEN} in {@code X-Internal-Token}. Without it the app refuses to
 * start, except under the {@code dev} profile (then it sends none, with a warning). Never
 * throws: an unreachable command side, a timeout or an error answer is a {@link Result}
 * like any other.
 */
@Component
class HistoryImportClient {

	static final String PATH = "/internal/v1/price-history-imports";

	static final String INTERNAL_TOKEN_HEADER = "X-Internal-Token";

	static final String INTERNAL_TOKEN_VARIABLE = "GE_INTERNAL_TOKEN";

	static final String DEV_PROFILE = "dev";

	static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

	static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(HistoryImportClient.class);

	private final RestClient client;

	private final Clock clock;

	private final Duration defaultRetryAfter;

	HistoryImportClient(RestClient.Builder builder, CommandSideProperties commandSide,
			PriceHistoryProperties properties, Clock clock,
			@Value("${ge.command-side.internal-token:}") String internalToken, Environment environment) {
		PriceHistoryProperties.Backfill backfill = properties.backfill();
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(backfill.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(backfill.readTimeout());
		RestClient.Builder client = builder.clone()
			.baseUrl(commandSide.url().toString())
			.requestFactory(requestFactory);
		if (!internalToken.isBlank()) {
			client.defaultHeader(INTERNAL_TOKEN_HEADER, internalToken);
		}
		else if (environment.matchesProfiles(DEV_PROFILE)) {
			log.warn("{} is not set: history imports are requested without it (allowed only because the '{}' "
					+ "profile is active)", INTERNAL_TOKEN_VARIABLE, DEV_PROFILE);
		}
		else {
			throw new IllegalStateException(INTERNAL_TOKEN_VARIABLE + " is not set: refusing to start. Set it to the "
					+ "command side's internal token, or run with SPRING_PROFILES_ACTIVE=" + DEV_PROFILE
					+ " on a developer machine.");
		}
		this.client = client.build();
		this.clock = clock;
		this.defaultRetryAfter = backfill.retryAfterFailure();
	}

	/** What the command side answered. */
	sealed interface Result permits Imported, RateLimited, Failed {

	}

	/**
	 * The history is in the event store: {@code IMPORTED} now or
	 * {@code ALREADY_IMPORTED}.
	 */
	record Imported(String status, int points) implements Result {
	}

	/** The command side's global rate cap was hit; ask again after {@code retryAfter}. */
	record RateLimited(Duration retryAfter) implements Result {
	}

	/** Unreachable, timed out, or an error answer. */
	record Failed(String reason) implements Result {
	}

	record ImportRequest(int itemId, String timestep) {
	}

	record ImportResponse(Integer itemId, String timestep, String status, Integer points) {
	}

	Result requestImport(int itemId, Timestep timestep) {
		try {
			return this.client.post()
				.uri(PATH)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(new ImportRequest(itemId, timestep.code()))
				.exchange((request, response) -> {
					if (response.getStatusCode().isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)) {
						return new RateLimited(retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
					}
					if (!response.getStatusCode().is2xxSuccessful()) {
						return new Failed("HTTP " + response.getStatusCode().value());
					}
					ImportResponse body = response.bodyTo(ImportResponse.class);
					if (body == null || body.status() == null) {
						return new Failed("empty answer");
					}
					return new Imported(body.status(), (body.points() != null) ? body.points() : 0);
				});
		}
		catch (RestClientException ex) {
			log.warn("History import of item {} {} failed: {}", itemId, timestep.code(), ex.getMessage());
			return new Failed(ex.getClass().getSimpleName());
		}
	}

	/** {@code Retry-After} as delay-seconds or an HTTP date, kept within sane bounds. */
	Duration retryAfter(String header) {
		Duration delay = this.defaultRetryAfter;
		if (header != null && !header.isBlank()) {
			String value = header.trim();
			try {
				delay = Duration.ofSeconds(Long.parseLong(value));
			}
			catch (NumberFormatException notSeconds) {
				delay = untilDate(value);
			}
		}
		if (delay.compareTo(MIN_RETRY_AFTER) < 0) {
			return MIN_RETRY_AFTER;
		}
		return (delay.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : delay;
	}

	private Duration untilDate(String value) {
		try {
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			return Duration.between(this.clock.instant(), at.toInstant());
		}
		catch (DateTimeParseException ex) {
			return this.defaultRetryAfter;
		}
	}

}
