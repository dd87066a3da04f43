package com.gemetrics.platform.deadletter;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry backoff and the attempts the enqueue policy counts. */
class DeadLetterRetryTest {

	static final Instant PARKED = Instant.parse("2026-12-04T12:00:00Z");

	final DeadLetterProperties.Retry retry = new DeadLetterProperties.Retry(true, Duration.ofSeconds(30),
			Duration.ofMinutes(5), 100);

	@Test
	void aSequenceWaitsAsLongAsItHadBeenParkedBetweenTheFirstAndTheLongestDelay() {
		assertThat(this.retry.delay(PARKED, PARKED)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.retry.delay(PARKED, PARKED.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.retry.delay(PARKED, PARKED.plusSeconds(60))).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.retry.delay(PARKED, PARKED.plusSeconds(120))).isEqualTo(Duration.ofSeconds(120));
		assertThat(this.retry.delay(PARKED, PARKED.plusSeconds(240))).isEqualTo(Duration.ofSeconds(240));
		assertThat(this.retry.delay(PARKED, PARKED.plus(Duration.ofHours(3)))).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void everyFailureIsParkedAndCountedWithItsCause() {
		EventMessage<?> event = GenericEventMessage.asEventMessage("payload");
		RuntimeException cause = new IllegalStateException("x".repeat(5000));
		DeadLetter<EventMessage<?>> fresh = new GenericDeadLetter<>("sequence", event, cause);

		EnqueueDecision<EventMessage<?>> first = DeadLetterConfig.countingAttempts(fresh, cause);
		assertThat(first.shouldEnqueue()).isTrue();
		assertThat(first.enqueueCause()).hasValueSatisfying((parked) -> {
			assertThat(parked.getMessage()).hasSizeLessThanOrEqualTo(1024);
		});
		DeadLetter<? extends EventMessage<?>> counted = first.withDiagnostics(fresh);
		assertThat(counted.diagnostics()).isEqualTo(MetaData.with(DeadLetters.ATTEMPTS, 1L));

		EnqueueDecision<EventMessage<?>> again = DeadLetterConfig.countingAttempts(counted, cause);
		assertThat(again.withDiagnostics(counted).diagnostics().get(DeadLetters.ATTEMPTS)).isEqualTo(2L);
	}

}
