package com.gemetrics.query.axon;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How the query side reads the shared event store.
 *
 * @param fetchDelay how often the event store polls the database for events other
 * processes committed, once the processors have caught up
 * @param fetchBatchSize how many events one query of the event store reads (Axon's
 * default is 100; a processor catching up or replaying reads the store in such pages)
 */
@Validated
@ConfigurationProperties("ge.axon")
record AxonTuningProperties(@NotNull @DefaultValue("50ms") Duration fetchDelay,
		@Min(1) @Max(10000) @DefaultValue("1000") int fetchBatchSize) {
}
