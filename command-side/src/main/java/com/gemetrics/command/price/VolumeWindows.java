package com.gemetrics.command.price;

import java.time.Instant;
import java.util.Optional;

import com.gemetrics.command.axon.Actors;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import org.axonframework.eventhandling.gateway.EventGateway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static com.gemetrics.command.price.PollStatusRepository.utc;

/**
 * Records each completed {@code /5m} or {@code /1h} bucket once. The primary key of
 * {@code market.recorded_bucket} is the guard: a bucket already there emits nothing, even
 * when two instances race.
 */
@Component
class VolumeWindows {

	private final JdbcTemplate jdbc;

	private final EventGateway events;

	VolumeWindows(JdbcTemplate jdbc, EventGateway events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional
	public Optional<VolumeWindowObservedEvent> record(WindowSnapshot window, Instant recordedAt) {
		int inserted = this.jdbc.update("""
				INSERT INTO market.recorded_bucket (timestep, bucket_start, item_count, recorded_at)
				VALUES (?, ?, ?, ?) ON CONFLICT (timestep, bucket_start) DO NOTHING
				""", window.timestep().code(), utc(window.bucketStart()), window.items().size(), utc(recordedAt));
		if (inserted == 0) {
			return Optional.empty();
		}
		VolumeWindowObservedEvent event = new VolumeWindowObservedEvent(window.timestep(), window.bucketStart(),
				window.items());
		Actors.runAs(LatestPrices.PRICE_POLLER, () -> this.events.publish(event));
		return Optional.of(event);
	}

}
