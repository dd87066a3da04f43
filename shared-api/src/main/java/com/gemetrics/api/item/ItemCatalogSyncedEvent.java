package com.gemetrics.api.item;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * A fact that the item catalogue was read from {@code /mapping} and these items were new
 * or had changed since the last sync. Items absent from the list are unchanged, not
 * removed.
 *
 * @param syncedAt when the catalogue was read
 * @param items items added or changed
 */
@Revision("1")
public record ItemCatalogSyncedEvent(Instant syncedAt, List<CatalogItem> items) {

	public ItemCatalogSyncedEvent {
		items = List.copyOf(items);
	}

}
