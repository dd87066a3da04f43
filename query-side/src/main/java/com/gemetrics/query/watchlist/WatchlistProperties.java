package com.gemetrics.query.watchlist;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The watchlist read model ({@code ge.watchlist.*}).
 *
 * @param recentAlerts how many of the latest alerts {@code GET /api/v1/watchlist} shows
 */
@Validated
@ConfigurationProperties("ge.watchlist")
record WatchlistProperties(@Min(0) @Max(500) @DefaultValue("50") int recentAlerts) {
}
