package com.gemetrics.command.price;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class OsrsHealthIndicatorTest {

	static final Instant START = Instant.parse("2025-05-26T07:00:00Z");

	static final PollerProperties.Task TASK = new PollerProperties.Task(Duration.ofMinutes(1), Duration.ofMinutes(2),
			Duration.ofSeconds(30));

	static final PollerProperties PROPERTIES = new PollerProperties(true, TASK, TASK, TASK, TASK, Duration.ofMinutes(5),
			Duration.ofMinutes(3));

	final PollStatusRepository status = mock(PollStatusRepository.class);

	final OsrsClient client = mock(OsrsClient.class);

	@BeforeEach
	void closedCircuit() {
		given(this.client.circuitState()).willReturn(CircuitBreaker.State.CLOSED);
	}

	@Test
	void isUnknownBeforeTheFirstPollDuringTheGraceThenDown() {
		given(this.status.find(PollEndpoint.LATEST)).willReturn(Optional.empty());

		assertThat(indicatorAt(START, START.plusSeconds(60)).health().getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(indicatorAt(START, START.plus(Duration.ofMinutes(4))).health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void isUpWhileTheLastGoodPollIsFreshAndDownOnceStale() {
		Instant lastSuccess = START.plusSeconds(30);
		given(this.status.find(PollEndpoint.LATEST))
			.willReturn(Optional.of(new PollStatus("latest", lastSuccess, lastSuccess, null, null, 0)));

		assertThat(indicatorAt(START, lastSuccess.plus(Duration.ofMinutes(5))).health().getStatus())
			.isEqualTo(Status.UP);
		assertThat(indicatorAt(START, lastSuccess.plus(Duration.ofMinutes(5)).plusSeconds(1)).health())
			.satisfies((health) -> {
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "last good /latest poll is stale")
					.containsEntry("lastSuccessAt", lastSuccess);
			});
	}

	@Test
	void isDownWhileTheCircuitIsOpen() {
		Instant lastSuccess = START.plusSeconds(30);
		given(this.status.find(PollEndpoint.LATEST)).willReturn(Optional.of(new PollStatus("latest", lastSuccess,
				lastSuccess.plusSeconds(60), lastSuccess.plusSeconds(60), "/latest: HTTP 503", 3)));
		given(this.client.circuitState()).willReturn(CircuitBreaker.State.OPEN);

		assertThat(indicatorAt(START, lastSuccess.plusSeconds(61)).health()).satisfies((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("circuitBreaker", "OPEN")
				.containsEntry("consecutiveFailures", 3)
				.containsEntry("lastError", "/latest: HTTP 503");
		});
	}

	private OsrsHealthIndicator indicatorAt(Instant startedAt, Instant now) {
		MutableClock clock = new MutableClock(startedAt);
		OsrsHealthIndicator indicator = new OsrsHealthIndicator(this.status, this.client, PROPERTIES, clock);
		clock.now = now;
		return indicator;
	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
