package com.gemetrics.query.axon;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How the query side reads the shared event store.
 *
 * @param fetchDelay how often the event store polls the database for events other
 * processes committed, once the processors have caught up
 */
@Validated
@ConfigurationProperties("ge.axon")
record AxonTuningProperties(@NotNull @DefaultValue("50ms") Duration fetchDelay) {
}
