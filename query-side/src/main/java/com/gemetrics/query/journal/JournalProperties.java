package com.gemetrics.query.journal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The trading journal's query side ({@code ge.journal.*}).
 *
 * @param defaultPageSize flips per page of {@code GET /api/v1/flips} when no limit is
 * given
 * @param maxPageSize the largest limit a client may ask for
 * @param exportFetchSize rows fetched from PostgreSQL at a time while an export streams
 */
@Validated
@ConfigurationProperties("ge.journal")
record JournalProperties(@Min(1) @Max(100) @DefaultValue("50") int defaultPageSize,
		@Min(1) @Max(1000) @DefaultValue("100") int maxPageSize,
		@Min(10) @Max(10000) @DefaultValue("500") int exportFetchSize) {
}
