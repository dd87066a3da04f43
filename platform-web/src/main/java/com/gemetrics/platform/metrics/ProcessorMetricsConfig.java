package com.gemetrics.platform.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.MessageMonitorFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The event processors' lag as one metric for either app: Axon's
 * {@link EventProcessorLatencyMonitor} on every event processor, all under the name
 * {@value #LATENCY} with the tag {@value TagsUtil#PROCESSOR_NAME_TAG}
 * ({@code eventProcessor_latency{processorName="journal"}} in Prometheus): how old, in
 * milliseconds, the last event a processor took from its stream was when it took it
 * (handled or ignored). A processor's gauge appears with its first event. The alert
 * {@code EventProcessorLagging} and the Grafana dashboard read it.
 * <p>
 * The apps turn Axon's own metrics auto-configuration off
 * ({@code axon.metrics.auto-configuration.enabled: false}): it names meters per processor
 * ({@code journal_latency}), and its capacity gauges collide across segments.
 */
@AutoConfiguration
@ConditionalOnClass({ EventProcessorLatencyMonitor.class, ConfigurerModule.class, MeterRegistry.class })
public class ProcessorMetricsConfig {

	/** The meter's name in Micrometer. */
	public static final String LATENCY = "eventProcessor.latency";

	static final String PREFIX = "eventProcessor";

	/**
	 * A latency monitor on every event processor, tagged with its name. The registry is
	 * looked up when the processors are built, not when the module is collected.
	 */
	@Bean
	ConfigurerModule processorLatencyMonitors(ObjectProvider<MeterRegistry> meters) {
		return (configurer) -> configurer.configureMessageMonitor(EventProcessor.class,
				latencyMonitors(meters::getObject));
	}

	/**
	 * One monitor per processor name: were Axon to ask twice for the same processor, a
	 * second monitor's gauge would be refused by the registry as a duplicate while that
	 * monitor went on updating its own, unpublished, value. (Axon's monitor registers its
	 * gauge again with every event; Micrometer returns the existing one and logs "This
	 * Gauge has been already registered" once, at WARN, then at DEBUG.)
	 */
	static MessageMonitorFactory latencyMonitors(Supplier<MeterRegistry> meters) {
		Map<String, MessageMonitor<Message<?>>> monitors = new ConcurrentHashMap<>();
		return (configuration, componentType, processorName) -> monitors.computeIfAbsent(processorName,
				(name) -> eventsOnly(latencyMonitor(meters.get(), name)));
	}

	private static EventProcessorLatencyMonitor latencyMonitor(MeterRegistry registry, String processorName) {
		return EventProcessorLatencyMonitor.builder()
			.meterNamePrefix(PREFIX)
			.meterRegistry(registry)
			.clock(registry.config().clock())
			.tagsBuilder((message) -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processorName))
			.build();
	}

	/** Processors hand their monitor event messages only. */
	private static MessageMonitor<Message<?>> eventsOnly(EventProcessorLatencyMonitor latency) {
		return (message) -> latency.onMessageIngested((EventMessage<?>) message);
	}

}
