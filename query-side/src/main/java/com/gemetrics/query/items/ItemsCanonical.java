package com.gemetrics.query.items;

import java.util.List;

import com.gemetrics.api.item.ItemView;

/**
 * The item list as the events made it, before any instance overlays staleness: every view
 * (with {@code stale = false}), ordered by id, its JSON, that JSON gzip-compressed, and a
 * content hash. This is what Redis holds.
 *
 * @param views every item, ordered by id
 * @param json the JSON array of {@code views}
 * @param gzip {@code json}, gzip-compressed
 * @param tag hash of {@code json}: equal content gives an equal tag on every instance
 * @param sourceVersion the fingerprint of {@code read.item_summary} the views were built
 * from (see {@link ItemSummaryRepository#version()})
 */
record ItemsCanonical(List<ItemView> views, byte[] json, byte[] gzip, String tag, String sourceVersion) {

	ItemsCanonical {
		views = List.copyOf(views);
	}

}
