package com.gemetrics.command.price;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.gemetrics.command.axon.Actors;
import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.Timestep;
import org.axonframework.eventhandling.gateway.EventGateway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static com.gemetrics.command.price.PollStatusRepository.utc;

/**
 * {@code market.history_import}: each (item, timestep) is imported once. The primary key
 * decides a race between two instances; the loser emits nothing.
 */
@Component
class HistoryImports {

	private final JdbcTemplate jdbc;

	private final EventGateway events;

	HistoryImports(JdbcTemplate jdbc, EventGateway events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** The number of points of an earlier import, if there was one. */
	Optional<Integer> importedPoints(int itemId, Timestep timestep) {
		return this.jdbc
			.queryForList("SELECT point_count FROM market.history_import WHERE item_id = ? AND timestep = ?",
					Integer.class, itemId, timestep.code())
			.stream()
			.findFirst();
	}

	/**
	 * Records the import and publishes its event (none when the API had no points).
	 * @return the event, or empty when nothing was published
	 * @throws AlreadyImportedException when another request imported it first
	 */
	@Transactional
	public Optional<PriceHistoryImportedEvent> record(int itemId, Timestep timestep, List<HistoryPoint> points,
			Instant importedAt) {
		int inserted = this.jdbc.update("""
				INSERT INTO market.history_import (item_id, timestep, imported_at, point_count) VALUES (?, ?, ?, ?)
				ON CONFLICT (item_id, timestep) DO NOTHING
				""", itemId, timestep.code(), utc(importedAt), points.size());
		if (inserted == 0) {
			throw new AlreadyImportedException();
		}
		if (points.isEmpty()) {
			return Optional.empty();
		}
		PriceHistoryImportedEvent event = new PriceHistoryImportedEvent(itemId, timestep, importedAt, points);
		Actors.runAs("price-history-import", () -> this.events.publish(event));
		return Optional.of(event);
	}

	/** Another request recorded the same import first. */
	static class AlreadyImportedException extends RuntimeException {

		AlreadyImportedException() {
			super("already imported");
		}

	}

}
