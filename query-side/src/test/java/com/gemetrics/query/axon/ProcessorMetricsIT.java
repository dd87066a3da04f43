package com.gemetrics.query.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.metrics.ProcessorMetricsConfig;
import com.gemetrics.query.RealInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query-side processor reports its lag as the one metric the alert
 * {@code EventProcessorLagging} reads, {@code eventProcessor.latency{processorName}}, and
 * Axon's per-processor meters are gone; the meters the other alerts read exist. With
 * observability on (tests turn it off by default), the Prometheus registry is the one
 * {@code /actuator/prometheus} serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
@AutoConfigureObservability(tracing = false)
class ProcessorMetricsIT {

	@Autowired
	MeterRegistry meters;

	@Autowired
	PrometheusMeterRegistry prometheus;

	@Autowired
	EventStore store;

	@Autowired
	EventProcessingConfiguration processing;

	@Test
	void everyProcessorReportsItsLatencyUnderOneNameTaggedWithTheProcessor() {
		// A rebuild's processor (<name>__next, ADR 21) runs only while that projection is
		// rebuilt online; the live processors are the ones that report all the time.
		Set<String> processors = this.processing.eventProcessors()
			.keySet()
			.stream()
			.filter((name) -> !name.endsWith("__next"))
			.collect(Collectors.toSet());
		assertThat(processors).contains("items", "price-history", "users", "watchlist", "subscriptions", "journal",
				"rollups");
		UUID flip = UUID.randomUUID();

		this.store.publish(new GenericDomainEventMessage<>("Flip", flip.toString(), 0,
				new FlipOpenedEvent(new FlipId(flip), new UserId(UUID.randomUUID()), "main", 4151, 10, 1_500_000,
						Instant.parse("2025-05-26T10:00:00Z"))));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(processors)
				.allSatisfy((processor) -> assertThat(latency(processor)).as(processor).isNotNull()));
		for (String processor : processors) {
			assertThat(latency(processor).value()).as(processor).isBetween(0.0, 30_000.0);
		}
		String scraped = this.prometheus.scrape();
		for (String processor : processors) {
			assertThat(scraped).as("what Prometheus scrapes, read by EventProcessorLagging")
				.containsPattern("(?m)^eventProcessor_latency\\{[^}]*processorName=\"" + processor + "\"[^}]*\\} ");
		}
		assertThat(this.meters.getMeters()).map(Meter::getId)
			.map(Meter.Id::getName)
			.noneMatch((name) -> processors.stream().anyMatch((processor) -> name.startsWith(processor + ".")));
	}

	/**
	 * The meters the other alerts of docker/prometheus/rules/ge-metrics.yml read, by
	 * their Micrometer names (the pool, heap, CPU and disk alerts).
	 */
	@Test
	void theMetersTheAlertsReadAreRegistered() {
		for (String name : new String[] { "hikaricp.connections.active", "hikaricp.connections.max",
				"hikaricp.connections.usage", "jvm.memory.used", "jvm.memory.max", "process.cpu.usage", "disk.free",
				"disk.total" }) {
			assertThat(this.meters.find(name).meters()).as(name).isNotEmpty();
		}
		assertThat(this.meters.find("jvm.memory.max").tag("area", "heap").gauges())
			.anySatisfy((max) -> assertThat(max.value()).isPositive());
	}

	private Gauge latency(String processor) {
		return this.meters.find(ProcessorMetricsConfig.LATENCY).tag("processorName", processor).gauge();
	}

}
