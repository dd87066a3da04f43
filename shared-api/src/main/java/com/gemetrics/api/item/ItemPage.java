package com.gemetrics.api.item;

import java.util.List;

/**
 * A page of items.
 *
 * @param items the items on this page
 * @param nextCursor cursor for the next page, or {@code null} on the last page
 * @param total how many items match the filter
 */
public record ItemPage(List<ItemView> items, String nextCursor, int total) {
}
