package com.gemetrics.api.item;

/**
 * Asks for a page of items, filtered and sorted; answered with an {@link ItemPage}. Every
 * filter is optional ({@code null} means no filter).
 *
 * @param members only members (true) or only free-to-play (false) items
 * @param name case-insensitive substring of the name
 * @param minPrice lowest {@code high} price
 * @param maxPrice highest {@code high} price
 * @param minVolume lowest 1-hour volume
 * @param maxVolume highest 1-hour volume
 * @param sort the order
 * @param descending descending order
 * @param cursor opaque cursor from the previous page, or {@code null} for the first
 * @param limit page size (capped by the server)
 */
public record ListItemsQuery(Boolean members, String name, Long minPrice, Long maxPrice, Long minVolume, Long maxVolume,
		ItemSort sort, boolean descending, String cursor, int limit) {
}
