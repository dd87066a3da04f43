package com.gemetrics.query.items;

import com.gemetrics.api.item.ItemSort;
import com.gemetrics.platform.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemCursorTest {

	@Test
	void roundTripsEveryKeyType() {
		assertRoundTrip(new ItemCursor(ItemSort.MARGIN, true, 1_234_567_890_123L, 4151));
		assertRoundTrip(new ItemCursor(ItemSort.ROI, false, 0.123456789, 2));
		assertRoundTrip(new ItemCursor(ItemSort.NAME, false, "a|b name with | bars", 7));
		assertRoundTrip(new ItemCursor(ItemSort.ID, true, 30848, 30848));
		assertRoundTrip(new ItemCursor(ItemSort.VOLUME, true, null, 13190));
	}

	@Test
	void refusesACursorOfAnotherOrder() {
		String cursor = new ItemCursor(ItemSort.MARGIN, true, 5L, 1).encode();
		assertThatThrownBy(() -> ItemCursor.decode(cursor, ItemSort.MARGIN, false)).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> ItemCursor.decode(cursor, ItemSort.ROI, true)).isInstanceOf(ApiException.class);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "garbage!", "", "TUFSR0lO", "TUFSR0lOfGR8eHxMNQ", "TUFSR0lOfGR8MXxENQ", "Qk9HVVN8ZHwxfEw1" })
	void refusesGarbage(String cursor) {
		assertThatThrownBy(() -> ItemCursor.decode(cursor, ItemSort.MARGIN, true)).isInstanceOf(ApiException.class)
			.satisfies((ex) -> assertThat(((ApiException) ex).code()).isEqualTo("INVALID_CURSOR"));
	}

	private static void assertRoundTrip(ItemCursor cursor) {
		assertThat(ItemCursor.decode(cursor.encode(), cursor.sort(), cursor.descending())).isEqualTo(cursor);
	}

}
