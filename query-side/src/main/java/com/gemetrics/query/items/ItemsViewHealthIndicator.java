package com.gemetrics.query.items;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code itemsView}: UP while this instance holds an items snapshot (whether from Redis
 * or from Postgres), DOWN when none could be built at all.
 */
@Component("itemsView")
class ItemsViewHealthIndicator implements HealthIndicator {

	private final ItemsSnapshots snapshots;

	ItemsViewHealthIndicator(ItemsSnapshots snapshots) {
		this.snapshots = snapshots;
	}

	@Override
	public Health health() {
		ItemsSnapshot snapshot = this.snapshots.current();
		if (snapshot == null) {
			return Health.down().withDetail("reason", "no items snapshot could be built").build();
		}
		return Health.up()
			.withDetail("items", snapshot.views().size())
			.withDetail("source", snapshot.source())
			.withDetail("etag", snapshot.etag())
			.withDetail("stale", snapshot.stale())
			.withDetail("builtAt", snapshot.builtAt().toString())
			.build();
	}

}
