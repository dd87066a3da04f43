package com.gemetrics.query.items;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the items read model and its API.
 *
 * @param staleAfter prices are flagged stale when the last good {@code /latest} poll is
 * older
 * @param stalenessCacheTtl how long the last-good-poll time read from Postgres is reused
 * @param refreshInterval how often each instance checks Redis for a newer list
 * @param repairInterval how often the Redis views are checked and rebuilt from Postgres
 * when missing
 * @param cacheMaxAge {@code Cache-Control: max-age} of item responses
 * @param defaultPageSize page size of a filtered list when none is asked for
 * @param maxPageSize the largest page size a client may ask for
 */
@Validated
@ConfigurationProperties("ge.items")
record ItemsProperties(@NotNull @DefaultValue("5m") Duration staleAfter,
		@NotNull @DefaultValue("1s") Duration stalenessCacheTtl,
		@NotNull @DefaultValue("200ms") Duration refreshInterval, @NotNull @DefaultValue("5s") Duration repairInterval,
		@NotNull @DefaultValue("5s") Duration cacheMaxAge, @Min(1) @Max(500) @DefaultValue("50") int defaultPageSize,
		@Min(1) @Max(500) @DefaultValue("500") int maxPageSize) {
}
