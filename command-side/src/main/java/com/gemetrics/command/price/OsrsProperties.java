package com.gemetrics.command.price;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the OSRS Wiki real-time prices API.
 *
 * @param baseUrl the API root, e.g. {@code https://prices.runescape.wiki/api/v1/osrs}
 * @param userAgent the descriptive User-Agent sent on every request (the API answers 403
 * to default client ones)
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for a response
 */
@Validated
@ConfigurationProperties("ge.osrs")
record OsrsProperties(@NotNull URI baseUrl, @NotBlank String userAgent, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout) {

	@AssertTrue(message = "timeouts must be positive")
	boolean isTimeoutsPositive() {
		return this.connectTimeout == null || this.readTimeout == null
				|| (positive(this.connectTimeout) && positive(this.readTimeout));
	}

	static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
