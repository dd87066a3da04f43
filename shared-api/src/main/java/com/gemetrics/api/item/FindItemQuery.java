package com.gemetrics.api.item;

/**
 * Asks for one item; answered with an {@link ItemView}, or {@code null} when the id is
 * unknown.
 *
 * @param itemId the item id
 */
public record FindItemQuery(int itemId) {
}
