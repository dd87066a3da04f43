package com.gemetrics.command.price;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The poller's Micrometer meters: polls by endpoint and outcome, the age of this
 * instance's last good poll per endpoint, entries dropped as invalid, and events emitted.
 */
@Component
class PollerMetrics {

	static final String POLLS = "ge.poller.polls";

	static final String LAST_SUCCESS_AGE = "ge.poller.last.success.age.seconds";

	static final String DROPPED = "ge.poller.dropped.entries";

	static final String EVENTS = "ge.poller.events";

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<PollEndpoint, AtomicReference<Instant>> lastSuccess = new EnumMap<>(PollEndpoint.class);

	PollerMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		for (PollEndpoint endpoint : PollEndpoint.values()) {
			AtomicReference<Instant> last = new AtomicReference<>();
			this.lastSuccess.put(endpoint, last);
			Gauge.builder(LAST_SUCCESS_AGE, last, this::ageSeconds)
				.description("Seconds since this instance last polled the endpoint successfully (NaN before the first)")
				.tag("endpoint", endpoint.tag())
				.baseUnit("seconds")
				.register(registry);
		}
	}

	void pollSucceeded(PollEndpoint endpoint, Instant at) {
		this.lastSuccess.get(endpoint).set(at);
		polls(endpoint, "success").increment();
	}

	void pollFailed(PollEndpoint endpoint) {
		polls(endpoint, "failure").increment();
	}

	/** Counts one entry (or one price side) of a response dropped as invalid. */
	void dropped(PollEndpoint endpoint, String reason) {
		Counter.builder(DROPPED)
			.description("Entries or price sides of API responses dropped as invalid")
			.tag("endpoint", endpoint.tag())
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	void eventEmitted(Object event) {
		Counter.builder(EVENTS)
			.description("Market-data events published")
			.tag("type", event.getClass().getSimpleName())
			.register(this.registry)
			.increment();
	}

	private Counter polls(PollEndpoint endpoint, String outcome) {
		return Counter.builder(POLLS)
			.description("Polls of the OSRS prices API")
			.tag("endpoint", endpoint.tag())
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private double ageSeconds(AtomicReference<Instant> last) {
		Instant at = last.get();
		if (at == null) {
			return Double.NaN;
		}
		return Duration.between(at, this.clock.instant()).toMillis() / 1000.0;
	}

}
