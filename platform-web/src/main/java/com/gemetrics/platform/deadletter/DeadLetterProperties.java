package com.gemetrics.platform.deadletter;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event processors' dead-letter queues ({@code ge.dead-letters.*}). Which processors
 * have one is set per processor in
 * {@code axon.eventhandling.processors.<name>.dlq.enabled}.
 *
 * @param maxSequences sequences one processor may park before a new failure stops its
 * segment (Axon refuses to enqueue more)
 * @param maxSequenceSize events one sequence may park before the same happens
 * @param checkInterval how often each instance counts the dead letters (the gauge) and
 * retries the sequences that are due
 * @param retry the automatic retries
 */
@Validated
@ConfigurationProperties("ge.dead-letters")
public record DeadLetterProperties(@Min(1) @DefaultValue("10000") int maxSequences,
		@Min(1) @DefaultValue("10000") int maxSequenceSize, @NotNull @DefaultValue("15s") Duration checkInterval,
		@Valid @NotNull @DefaultValue Retry retry) {

	/**
	 * Automatic retries with backoff: a parked sequence is retried once its first letter
	 * has waited as long as it had been parked at its last attempt, at least
	 * {@code firstDelay} and at most {@code maxDelay}: 30 s, 30 s, 1 m, 2 m, 4 m, then
	 * every 5 m by default. A transient fault (a database blip, a lock timeout) heals by
	 * itself; a poison event keeps failing and keeps the alert on.
	 *
	 * @param enabled retry automatically at all
	 * @param firstDelay the least wait before a retry
	 * @param maxDelay the longest wait between two retries of one sequence
	 * @param sequencesPerCheck most sequences one processor retries in one check
	 */
	public record Retry(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("30s") Duration firstDelay,
			@NotNull @DefaultValue("5m") Duration maxDelay,
			@Min(1) @Max(10000) @DefaultValue("100") int sequencesPerCheck) {

		/**
		 * How long a sequence parked at {@code enqueuedAt} and last tried at
		 * {@code lastTouched} waits.
		 */
		Duration delay(java.time.Instant enqueuedAt, java.time.Instant lastTouched) {
			Duration parked = Duration.between(enqueuedAt, lastTouched);
			if (parked.compareTo(this.firstDelay) < 0) {
				return this.firstDelay;
			}
			return (parked.compareTo(this.maxDelay) > 0) ? this.maxDelay : parked;
		}

	}

}
