package com.gemetrics.command.watchlist;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When a {@link Watchlist} is snapshotted: once {@code ge.watchlist.snapshot-threshold}
 * events have been read and applied since its last snapshot (or its start). The
 * {@link Snapshotter} is the {@code SpringAggregateSnapshotter} that Axon's Spring Boot
 * auto-configuration provides; it takes the snapshot after the command's transaction
 * commits, in its own transaction, and the JDBC storage engine stores it in
 * {@code snapshot_event_entry} and deletes the older ones.
 */
@Configuration(proxyBeanMethods = false)
class WatchlistSnapshots {

	/** The bean name {@link Watchlist}'s {@code @Aggregate} refers to. */
	static final String TRIGGER = "watchlistSnapshotTrigger";

	@Bean(TRIGGER)
	SnapshotTriggerDefinition watchlistSnapshotTrigger(Snapshotter snapshotter, WatchlistProperties properties) {
		return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
	}

}
