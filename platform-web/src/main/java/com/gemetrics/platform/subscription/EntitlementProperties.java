package com.gemetrics.platform.subscription;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The entitlement cache of either app ({@code ge.entitlements.*}).
 *
 * @param refreshInterval how often the rows changed since the last look are read
 * @param overlap how far before the newest change seen the next look starts, so that a
 * row committed late (written before, committed after a newer one) is not missed
 * @param fullReloadInterval how often every row is read again, whatever changed: the
 * backstop for a commit later than the overlap, and for rows removed by a replay
 */
@Validated
@ConfigurationProperties("ge.entitlements")
public record EntitlementProperties(@NotNull @DefaultValue("500ms") Duration refreshInterval,
		@NotNull @DefaultValue("5s") Duration overlap, @NotNull @DefaultValue("1m") Duration fullReloadInterval) {
}
