package com.gemetrics.platform.deadletter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code ge.dead-letters.check-interval} on each instance: counts the dead letters
 * per processor into the gauge {@code ge.deadletters{processor}}, then retries the parked
 * sequences whose backoff has run out (when {@code ge.dead-letters.retry.enabled}) (the
 * same figure on every instance: the queue is in the database). Several instances
 * retrying at once is safe: Axon claims a sequence before it processes it.
 */
class DeadLetterSchedule {

	static final String GAUGE = "ge.deadletters";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterSchedule.class);

	private final DeadLetters deadLetters;

	private final DeadLetterProperties properties;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	DeadLetterSchedule(DeadLetters deadLetters, DeadLetterProperties properties, MeterRegistry meters) {
		this.deadLetters = deadLetters;
		this.properties = properties;
		for (String processor : deadLetters.processors()) {
			AtomicLong count = new AtomicLong();
			this.counts.put(processor, count);
			Gauge.builder(GAUGE, count, AtomicLong::get)
				.tag("processor", processor)
				.description("Events parked in the processor's dead-letter queue")
				.register(meters);
		}
	}

	@Scheduled(initialDelayString = "${ge.dead-letters.check-interval:15s}",
			fixedDelayString = "${ge.dead-letters.check-interval:15s}")
	void check() {
		count();
		if (!this.properties.retry().enabled()) {
			return;
		}
		boolean retried = false;
		for (String processor : this.deadLetters.processors()) {
			if (this.counts.get(processor).get() > 0) {
				DeadLetters.RetryResult result = this.deadLetters.retryDue(processor, this.properties.retry());
				if (result.attempted() > 0) {
					retried = true;
					log.info("Retried {} dead-lettered sequences of processor {}: {} applied, {} letters remain",
							result.attempted(), processor, result.succeeded(), result.remaining());
				}
			}
		}
		if (retried) {
			count();
		}
	}

	/** Reads the counts now (also after an admin's retry or eviction). */
	void count() {
		this.deadLetters.counts().forEach((processor, count) -> this.counts.get(processor).set(count));
	}

}
