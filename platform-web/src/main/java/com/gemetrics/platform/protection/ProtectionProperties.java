package com.gemetrics.platform.protection;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Abuse protection: rate limits, the trusted proxies that may name the client in
 * {@code X-Forwarded-For}, CORS origins, request body and JSON caps
 * ({@code ge.protection.*}).
 *
 * @param trustedProxies CIDR ranges (or single addresses) of the proxies whose
 * {@code X-Forwarded-For} is believed; empty means the socket address is the client
 * @param corsAllowedOrigins origins of the SPA allowed to call cross-origin; empty means
 * none
 * @param maxRequestBytes the largest request body accepted (413 above it)
 * @param maxUploadBytes the largest body of an upload ({@code POST} to an upload path)
 * @param jsonMaxNestingDepth the deepest JSON nesting Jackson reads (400 above it)
 * @param jsonMaxStringLength the longest JSON string value Jackson reads
 * @param rateLimit the rate limits
 */
@ConfigurationProperties("ge.protection")
@Validated
public record ProtectionProperties(@DefaultValue List<@NotNull String> trustedProxies,
		@DefaultValue List<@NotNull String> corsAllowedOrigins, @DefaultValue("64KB") @NotNull DataSize maxRequestBytes,
		@DefaultValue("2MB") @NotNull DataSize maxUploadBytes, @DefaultValue("32") @Min(1) int jsonMaxNestingDepth,
		@DefaultValue("1000000") @Min(1) int jsonMaxStringLength, @DefaultValue @Valid @NotNull RateLimit rateLimit) {

	/**
	 * Requests allowed per {@code period}, per client IP ({@code api}, {@code auth}) or
	 * per authenticated user ({@code data}, {@code upload}).
	 *
	 * @param enabled false switches every limit off (benchmarks)
	 * @param period the window the limits count in; tokens come back evenly over it
	 * @param api every {@code /api/**} request, per client IP
	 * @param auth {@code /api/v1/auth/**}, per client IP
	 * @param data an authenticated user's data queries ({@code dataPaths}, GET), per user
	 * @param upload an authenticated user's uploads ({@code uploadPaths}, POST), per user
	 * @param dataPaths path patterns of the per-user data queries
	 * @param uploadPaths path patterns of uploads
	 * @param redisTimeout how long one Redis call may take before the fallback decides
	 * @param redisRetryAfter how long the fallback decides alone after a Redis failure
	 * @param fallbackInstances the expected instance count: a local bucket allows limit ÷
	 * this
	 * @param fallbackMaxKeys local buckets kept at most before they are all dropped
	 * @param syncTolerance the share of a limit (0 to 1) an instance may take from its
	 * own copy of a shared bucket before it reports to Redis: {@code ⌊limit × this⌋}
	 * tokens; 0 asks Redis on every request (ADR 0009)
	 * @param syncInterval the longest an instance decides from its copy of a shared
	 * bucket before it asks Redis again
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("1m") @NotNull Duration period,
			@DefaultValue("60") @Min(1) long api, @DefaultValue("10") @Min(1) long auth,
			@DefaultValue("30") @Min(1) long data, @DefaultValue("5") @Min(1) long upload, @DefaultValue( {
					"/api/v1/me", "/api/v1/me/**", "/api/v1/flips", "/api/v1/flips/**", "/api/v1/watchlist",
					"/api/v1/watchlist/**", "/api/v1/limits" }) List<@NotNull String> dataPaths,
			@DefaultValue({ "/api/v1/*/imports", "/api/v1/*/*/imports" }) List<@NotNull String> uploadPaths,
			@DefaultValue("250ms") @NotNull Duration redisTimeout,
			@DefaultValue("5s") @NotNull Duration redisRetryAfter, @DefaultValue("1") @Min(1) int fallbackInstances,
			@DefaultValue("100000") @Min(1) int fallbackMaxKeys,
			@DefaultValue("0.05") @DecimalMin("0") @DecimalMax("1") double syncTolerance,
			@DefaultValue("1s") @NotNull Duration syncInterval){

	}

}
