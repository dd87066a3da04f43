package com.gemetrics.query.items;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.platform.web.ApiException;

/**
 * The keyset position after which the next page starts: the last item's sort key and id,
 * with the order it belongs to. Opaque to clients: base64url of
 * {@code SORT|a-or-d|id|typed key}.
 *
 * @param sort the order the cursor was made for
 * @param descending the direction it was made for
 * @param key the last item's sort key ({@code null} when it had none)
 * @param id the last item's id
 */
record ItemCursor(ItemSort sort, boolean descending, Comparable<?> key, int id) {

	static ItemCursor after(ItemView view, ItemSort sort, boolean descending) {
		return new ItemCursor(sort, descending, ItemOrder.key(view, sort), view.id());
	}

	String encode() {
		String text = this.sort.name() + '|' + (this.descending ? 'd' : 'a') + '|' + this.id + '|' + typed(this.key);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a cursor made for {@code sort} and {@code descending}.
	 * @throws ApiException 400 when it is not one, or was made for another order
	 */
	static ItemCursor decode(String cursor, ItemSort sort, boolean descending) {
		ItemCursor decoded;
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			String[] parts = text.split("\\|", 4);
			if (parts.length != 4 || parts[1].length() != 1 || parts[3].isEmpty()) {
				throw invalid();
			}
			ItemSort cursorSort = ItemSort.valueOf(parts[0]);
			decoded = new ItemCursor(cursorSort, "d".equals(parts[1]), untyped(parts[3], cursorSort),
					Integer.parseInt(parts[2]));
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (decoded.sort != sort || decoded.descending != descending) {
			throw ApiException.badRequest("INVALID_CURSOR", "The cursor belongs to another sort order.");
		}
		return decoded;
	}

	private static String typed(Comparable<?> key) {
		if (key == null) {
			return "N";
		}
		if (key instanceof Double value) {
			return "D" + value;
		}
		if (key instanceof String value) {
			return "S" + value;
		}
		return "L" + key;
	}

	private static Comparable<?> untyped(String typed, ItemSort sort) {
		char type = typed.charAt(0);
		String value = typed.substring(1);
		if (type == 'N' && value.isEmpty()) {
			return null;
		}
		return switch (sort) {
			case ID -> expect(type, 'L', Integer.valueOf(value));
			case NAME -> expect(type, 'S', value);
			case ROI -> expect(type, 'D', Double.valueOf(value));
			case MARGIN, VOLUME, PROFIT_PER_LIMIT -> expect(type, 'L', Long.valueOf(value));
		};
	}

	private static Comparable<?> expect(char type, char expected, Comparable<?> value) {
		if (type != expected) {
			throw invalid();
		}
		return value;
	}

	private static ApiException invalid() {
		return ApiException.badRequest("INVALID_CURSOR", "The cursor is not one this server issued.");
	}

}
