package com.gemetrics.command.outbound;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lane's slot is free again by the time its caller has the answer: a caller that makes
 * its calls one after another (the poller: {@code /latest}, then {@code /5m}, ...) never
 * finds its own lane full. The slot used to be released only after the worker thread had
 * published the result, so the next call could be refused as "lane full" (seen in CI as a
 * {@code RejectedExecutionException} in {@code OsrsClientTest}).
 */
class OutboundLaneTest {

	@Test
	void aCallerCallingOneAfterAnotherNeverFindsItsOneSlotLaneFull() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		OutboundLane lane = new OutboundLane("test", 1, meters);

		for (int i = 0; i < 20_000; i++) {
			int call = i;
			assertThat(lane.call(Duration.ofSeconds(5), () -> call)).isEqualTo(call);
		}

		assertThat(meters.counter("ge.outbound.rejected", "lane", "test").count()).isZero();
		assertThat(lane.busy()).isZero();
	}

}
