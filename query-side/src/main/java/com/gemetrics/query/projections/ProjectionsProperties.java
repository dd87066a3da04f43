package com.gemetrics.query.projections;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The projections' admin view ({@code GET /api/v1/admin/projections}) and online
 * rebuilds.
 *
 * @param sampleInterval how often each processor's position is read for its rate
 * @param rateWindow over how long the rate is measured
 * @param claimTimeout a processor of another app whose claims were not renewed for this
 * long is reported stopped
 * @param switchLag an online rebuild switches once its processor is within this many
 * events of the head
 * @param rebuildCheckInterval how often each instance checks the online rebuilds (resume,
 * switch, stop for another instance's switch)
 * @param switchCatchUp how long a switch waits, with the live processor stopped, for the
 * other instances to release it and the rebuild to reach its position
 */
@Validated
@ConfigurationProperties("ge.projections")
record ProjectionsProperties(@NotNull @DefaultValue("5s") Duration sampleInterval,
		@NotNull @DefaultValue("60s") Duration rateWindow, @NotNull @DefaultValue("30s") Duration claimTimeout,
		@Min(0) @DefaultValue("100") long switchLag, @NotNull @DefaultValue("2s") Duration rebuildCheckInterval,
		@NotNull @DefaultValue("30s") Duration switchCatchUp) {
}
