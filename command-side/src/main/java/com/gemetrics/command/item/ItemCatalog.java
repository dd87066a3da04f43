package com.gemetrics.command.item;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.gemetrics.command.axon.Actors;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import org.axonframework.eventhandling.gateway.EventGateway;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The item catalogue as the command side knows it. A sync publishes one
 * {@link ItemCatalogSyncedEvent} with the items that are new or changed, or nothing when
 * none are; items missing from a sync are kept, not removed. State and event commit
 * together.
 */
@Component
public class ItemCatalog {

	private final CatalogItemRepository repository;

	private final EventGateway events;

	ItemCatalog(CatalogItemRepository repository, EventGateway events) {
		this.repository = repository;
		this.events = events;
	}

	/**
	 * Syncs the catalogue with a validated {@code /mapping} answer.
	 * @param items the items read
	 * @param syncedAt when they were read
	 * @return the event published, or empty when nothing changed
	 */
	@Transactional
	public Optional<ItemCatalogSyncedEvent> sync(List<CatalogItem> items, Instant syncedAt) {
		this.repository.lockForTransaction();
		Map<Integer, CatalogItem> current = this.repository.findAll();
		List<CatalogItem> changed = items.stream().filter((item) -> !item.equals(current.get(item.id()))).toList();
		if (changed.isEmpty()) {
			return Optional.empty();
		}
		this.repository.upsert(changed, syncedAt);
		ItemCatalogSyncedEvent event = new ItemCatalogSyncedEvent(syncedAt, changed);
		Actors.runAs("price-poller", () -> this.events.publish(event));
		return Optional.of(event);
	}

}
