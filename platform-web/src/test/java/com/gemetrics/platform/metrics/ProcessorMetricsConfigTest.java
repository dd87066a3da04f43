package com.gemetrics.platform.metrics;

import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.MessageMonitorFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One gauge name for every processor, told apart by the processorName tag. */
class ProcessorMetricsConfigTest {

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	private final MessageMonitorFactory factory = ProcessorMetricsConfig.latencyMonitors(() -> this.meters);

	@Test
	void eachProcessorsLatencyIsOneGaugeTaggedWithItsName() {
		MessageMonitor<Message<?>> journal = monitor("journal");
		MessageMonitor<Message<?>> items = monitor("items");
		Instant now = Instant.ofEpochMilli(this.clock.wallTime());

		journal.onMessageIngested(event(now.minusSeconds(90))).reportSuccess();
		items.onMessageIngested(event(now.minusMillis(250))).reportIgnored();

		assertThat(gauge("journal").value()).isEqualTo(90_000);
		assertThat(gauge("items").value()).isEqualTo(250);
		assertThat(this.meters.getMeters())
			.allSatisfy((meter) -> assertThat(meter.getId().getName()).isEqualTo(ProcessorMetricsConfig.LATENCY));
	}

	@Test
	void aProcessorAskedForTwiceSharesOneMonitorSoTheGaugeFollowsTheLatestEvent() {
		MessageMonitorFactory factory = ProcessorMetricsConfig.latencyMonitors(() -> this.meters);
		MessageMonitor<Message<?>> first = factory.create(null, TrackingEventProcessor.class, "journal");
		MessageMonitor<Message<?>> second = factory.create(null, TrackingEventProcessor.class, "journal");
		Instant now = Instant.ofEpochMilli(this.clock.wallTime());

		first.onMessageIngested(event(now.minusSeconds(5))).reportSuccess();
		second.onMessageIngested(event(now.minusSeconds(2))).reportSuccess();

		assertThat(gauge("journal").value()).isEqualTo(2_000);
	}

	private MessageMonitor<Message<?>> monitor(String processor) {
		return this.factory.create(null, TrackingEventProcessor.class, processor);
	}

	private Gauge gauge(String processor) {
		return this.meters.get(ProcessorMetricsConfig.LATENCY).tag("processorName", processor).gauge();
	}

	private static GenericEventMessage<String> event(Instant timestamp) {
		return new GenericEventMessage<>(new GenericEventMessage<>("payload"), () -> timestamp);
	}

}
