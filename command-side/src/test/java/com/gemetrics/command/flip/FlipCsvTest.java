package com.gemetrics.command.flip;

import java.time.Instant;

import com.gemetrics.command.flip.FlipCsv.Parsed;
import com.gemetrics.command.flip.FlipCsv.Row;
import com.gemetrics.command.flip.FlipCsv.Sale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FlipCsvTest {

	static final String HEADER = "external_id,item_id,account,quantity,buy_price,bought_at,sold_quantity,sell_price,sold_at\n";

	@Test
	void readsRowsWithAndWithoutASale() {
		Parsed parsed = FlipCsv.parse(HEADER + """
				t-1,4151,Iron main,100,1500000,2026-01-10T12:00:00Z,100,1600000,2026-01-10T13:00:00Z
				t-2,11832,,5,14000000,2026-01-11T08:30:00Z,,,
				""", 10);

		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.rows()).containsExactly(
				new Row(2, "t-1", 4151, "Iron main", 100, 1_500_000, Instant.parse("2026-01-10T12:00:00Z"),
						new Sale(100, 1_600_000, Instant.parse("2026-01-10T13:00:00Z"))),
				new Row(3, "t-2", 11832, "default", 5, 14_000_000, Instant.parse("2026-01-11T08:30:00Z"), null));
	}

	@Test
	void acceptsColumnsInAnyOrderWithoutTheOptionalOnesQuotedWithCrlfAndAByteOrderMark() {
		Parsed parsed = FlipCsv.parse("\uFEFFbought_at,quantity,buy_price,item_id,external_id\r\n"
				+ "2026-01-10T12:00:00Z, 3 ,\"100\",4151,\"id, with comma\"\r\n", 10);

		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.rows()).containsExactly(
				new Row(2, "id, with comma", 4151, "default", 3, 100, Instant.parse("2026-01-10T12:00:00Z"), null));
	}

	@Test
	void reportsEachBadValueWithItsLineAndColumn() {
		Parsed parsed = FlipCsv.parse(HEADER + """
				t-1,4151,main,100,1500000,2026-01-10T12:00:00Z,,,

				t-2,whip,main,ten,1500000,yesterday,,,
				t-3,4151,main,1,1,2026-01-10T12:00:00Z,1,,
				,4151,main,1,1,2026-01-10T12:00:00Z,,,
				t-1,4151,main,1,1,2026-01-10T12:00:00Z,,,
				t-4,4151,main,1,1
				t-5,4151,main,1,99999999999999999999,2026-01-10T12:00:00Z,,,
				""", 10);

		assertThat(parsed.errors()).extracting(FlipImportError::line, FlipImportError::column, FlipImportError::code)
			.containsExactly(tuple(4L, "item_id", "INVALID_NUMBER"), tuple(4L, "quantity", "INVALID_NUMBER"),
					tuple(4L, "bought_at", "INVALID_TIME"), tuple(5L, null, "SALE_INCOMPLETE"),
					tuple(6L, "external_id", "MISSING_VALUE"), tuple(7L, "external_id", "DUPLICATE_EXTERNAL_ID"),
					tuple(8L, null, "WRONG_FIELD_COUNT"), tuple(9L, "buy_price", "INVALID_NUMBER"));
		assertThat(parsed.errors().get(5).detail()).contains("line 2");
		assertThat(parsed.rows()).extracting(Row::externalId).containsExactly("t-1");
	}

	@Test
	void countsLinesInsideQuotedFieldsSoLaterLinesKeepTheirNumbers() {
		Parsed parsed = FlipCsv.parse(HEADER + "t-1,4151,\"Iron\nmain\",1,1,2026-01-10T12:00:00Z,,,\n"
				+ "t-2,4151,main,x,1,2026-01-10T12:00:00Z,,,\n", 10);

		assertThat(parsed.errors()).extracting(FlipImportError::line, FlipImportError::code)
			.containsExactly(tuple(4L, "INVALID_NUMBER"));
	}

	@Test
	void refusesAnUnknownOrMissingColumn() {
		Parsed parsed = FlipCsv.parse("external_id,item,quantity,buy_price,bought_at,sold_quantity\n"
				+ "t-1,4151,1,1,2026-01-10T12:00:00Z,1\n", 10);

		assertThat(parsed.errors()).extracting(FlipImportError::line, FlipImportError::column, FlipImportError::code)
			.containsExactly(tuple(1L, "item", "UNKNOWN_COLUMN"), tuple(1L, "item_id", "MISSING_COLUMN"),
					tuple(1L, null, "MISSING_COLUMN"));
		assertThat(parsed.rows()).isEmpty();
	}

	@Test
	void refusesADuplicateColumn() {
		Parsed parsed = FlipCsv.parse("external_id,item_id,item_id,quantity,buy_price,bought_at\n", 10);

		assertThat(parsed.errors()).extracting(FlipImportError::line, FlipImportError::code)
			.containsExactly(tuple(1L, "INVALID_HEADER"));
	}

	@Test
	void refusesAnEmptyFileAndAFileWithoutRows() {
		assertThat(FlipCsv.parse("", 10).errors()).extracting(FlipImportError::code).containsExactly("INVALID_HEADER");
		assertThat(FlipCsv.parse(HEADER, 10).errors()).extracting(FlipImportError::code).containsExactly("NO_ROWS");
	}

	@Test
	void refusesMoreRowsThanTheCapAtTheFirstRowTooMany() {
		String row = "t-%d,4151,main,1,1,2026-01-10T12:00:00Z,,,\n";
		Parsed parsed = FlipCsv.parse(HEADER + row.formatted(1) + row.formatted(2) + row.formatted(3), 2);

		assertThat(parsed.errors()).extracting(FlipImportError::line, FlipImportError::code)
			.containsExactly(tuple(4L, "TOO_MANY_ROWS"));
	}

	@Test
	void reportsBrokenCsvInsteadOfFailing() {
		Parsed parsed = FlipCsv.parse(HEADER + "t-1,4151,main,1,1,2026-01-10T12:00:00Z,,,\n\"t-2\"x,4151\n", 10);

		assertThat(parsed.errors()).extracting(FlipImportError::code).containsExactly("MALFORMED_CSV");
		assertThat(parsed.errors().get(0).line()).isEqualTo(3);
		assertThat(FlipCsv.parse(HEADER + "t-1,\"4151,main,1,1\n", 10).errors()).extracting(FlipImportError::code)
			.containsExactly("MALFORMED_CSV");
	}

	@Test
	void refusesAnOverlongExternalId() {
		Parsed parsed = FlipCsv.parse(HEADER + "x".repeat(101) + ",4151,main,1,1,2026-01-10T12:00:00Z,,,\n", 10);

		assertThat(parsed.errors()).extracting(FlipImportError::code).containsExactly("INVALID_EXTERNAL_ID");
	}

}
