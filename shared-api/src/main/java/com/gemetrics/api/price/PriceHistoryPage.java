package com.gemetrics.api.price;

import java.util.List;

/**
 * A page of price history.
 *
 * @param itemId the item id
 * @param timestep the bucket length code ({@code 5m} or {@code 1h})
 * @param points the points, oldest first
 * @param nextCursor cursor for the next page, or {@code null} on the last page
 */
public record PriceHistoryPage(int itemId, String timestep, List<PricePointView> points, String nextCursor) {
}
