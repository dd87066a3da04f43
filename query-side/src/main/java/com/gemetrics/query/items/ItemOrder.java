package com.gemetrics.query.items;

import java.util.Comparator;
import java.util.Locale;

import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;

/**
 * The sort keys of the item list. Missing values sort last in both directions; equal keys
 * are ordered by id, so every order is total and a keyset cursor (key, id) is exact.
 */
final class ItemOrder {

	private ItemOrder() {
	}

	/**
	 * The key {@code view} sorts by under {@code sort}, or {@code null} when it has none.
	 */
	static Comparable<?> key(ItemView view, ItemSort sort) {
		return switch (sort) {
			case ID -> view.id();
			case NAME -> (view.name() != null) ? view.name().toLowerCase(Locale.ROOT) : null;
			case MARGIN -> view.margin();
			case ROI -> view.roi();
			case VOLUME -> view.volume1h();
			case PROFIT_PER_LIMIT -> view.profitPerLimit();
		};
	}

	static Comparator<ItemView> comparator(ItemSort sort, boolean descending) {
		return (a, b) -> compare(key(a, sort), a.id(), key(b, sort), b.id(), descending);
	}

	/** Compares two positions (key, id) in the order; keys must be of the same type. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static int compare(Comparable keyA, int idA, Comparable keyB, int idB, boolean descending) {
		if (keyA == null || keyB == null) {
			if (keyA != keyB) {
				return (keyA == null) ? 1 : -1;
			}
		}
		else {
			int byKey = keyA.compareTo(keyB);
			if (byKey != 0) {
				return descending ? -byKey : byKey;
			}
		}
		return Integer.compare(idA, idB);
	}

}
