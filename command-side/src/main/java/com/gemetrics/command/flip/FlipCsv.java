package com.gemetrics.command.flip;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a flip import file: CSV (RFC 4180, UTF-8), one flip per line, with at most one
 * sale each.
 *
 * <pre>
 * external_id,item_id,account,quantity,buy_price,bought_at,sold_quantity,sell_price,sold_at
 * trade-1,4151,main,100,1500000,2026-01-10T12:00:00Z,100,1600000,2026-01-10T13:00:00Z
 * trade-2,11832,,5,14000000,2026-01-11T08:30:00Z,,,
 * </pre>
 *
 * <ul>
 * <li>The first line is the header. Columns may come in any order; {@code account} may be
 * left out, and so may the three sale columns, as a group. Other columns are
 * refused.</li>
 * <li>{@code external_id}: the row's id in the caller's own records, 1..100 characters,
 * unique in the file. Importing the same id again creates nothing (see
 * {@link FlipImports}).</li>
 * <li>{@code item_id}: an item of the catalogue. {@code account}: 1..32 letters, digits,
 * spaces, {@code _} or {@code -}; empty means {@code default}.</li>
 * <li>{@code quantity}, {@code sold_quantity}: whole numbers 1..2,147,483,647;
 * {@code buy_price}, {@code sell_price}: coins per item, 1..2,147,483,647 (the sell price
 * before tax).</li>
 * <li>{@code bought_at}, {@code sold_at}: ISO-8601 instants in UTC, e.g.
 * {@code 2026-01-10T12:00:00Z}, not before the Grand Exchange opened (2013-02-22) and not
 * in the future (5 minutes of clock skew allowed); a sale not before its buy and not of
 * more than was bought.</li>
 * <li>The sale columns are all filled or all empty (an open flip).</li>
 * <li>Values are trimmed; fields may be quoted; empty lines are skipped; a UTF-8 byte
 * order mark is ignored.</li>
 * </ul>
 * This class checks the format only; {@link FlipImports} checks the flip rules and the
 * catalogue.
 */
final class FlipCsv {

	static final String EXTERNAL_ID = "external_id";

	static final String ITEM_ID = "item_id";

	static final String ACCOUNT = "account";

	static final String QUANTITY = "quantity";

	static final String BUY_PRICE = "buy_price";

	static final String BOUGHT_AT = "bought_at";

	static final String SOLD_QUANTITY = "sold_quantity";

	static final String SELL_PRICE = "sell_price";

	static final String SOLD_AT = "sold_at";

	static final int MAX_EXTERNAL_ID_LENGTH = 100;

	private static final List<String> REQUIRED = List.of(EXTERNAL_ID, ITEM_ID, QUANTITY, BUY_PRICE, BOUGHT_AT);

	private static final List<String> SALE = List.of(SOLD_QUANTITY, SELL_PRICE, SOLD_AT);

	private static final Set<String> KNOWN = Set.of(EXTERNAL_ID, ITEM_ID, ACCOUNT, QUANTITY, BUY_PRICE, BOUGHT_AT,
			SOLD_QUANTITY, SELL_PRICE, SOLD_AT);

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
		.setAllowMissingColumnNames(false)
		.get();

	private FlipCsv() {
	}

	/**
	 * Reads a whole file, collecting every format error rather than stopping at the first
	 * (except where the CSV itself breaks, or there are too many rows).
	 * @param text the file
	 * @param maxRows the most data rows accepted
	 * @return the rows that are well-formed, and the errors
	 */
	static Parsed parse(String text, int maxRows) {
		return parse(text, maxRows, "");
	}

	/**
	 * Reads a whole file, as {@link #parse(String, int)}.
	 * @param text the file
	 * @param maxRows the most data rows accepted
	 * @param whose whose cap {@code maxRows} is, to end the sentence that refuses more ("
	 * on the free plan"), or empty
	 * @return the rows that are well-formed, and the errors
	 */
	static Parsed parse(String text, int maxRows, String whose) {
		String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
		Lines lines = new Lines(csv);
		List<Row> rows = new ArrayList<>();
		List<FlipImportError> errors = new ArrayList<>();
		try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(FORMAT).get()) {
			if (!headerIsValid(parser.getHeaderNames(), errors)) {
				return new Parsed(rows, errors);
			}
			Map<String, Long> firstLineOf = new HashMap<>();
			int count = 0;
			try {
				for (CSVRecord record : parser) {
					long line = lines.lineAt(record.getCharacterPosition());
					if (++count > maxRows) {
						errors.add(new FlipImportError(line, null, "TOO_MANY_ROWS",
								"A file may hold at most " + maxRows + " rows" + whose + "."));
						break;
					}
					new RowReader(record, line, errors).read(firstLineOf).ifPresent(rows::add);
				}
			}
			catch (UncheckedIOException ex) {
				errors.add(malformed(Math.max(1, parser.getCurrentLineNumber())));
				return new Parsed(rows, errors);
			}
			if (count == 0) {
				errors.add(new FlipImportError(1, null, "NO_ROWS", "The file has a header but no rows."));
			}
		}
		catch (IllegalArgumentException ex) {
			// commons-csv refuses a header with empty or duplicate names
			errors.add(new FlipImportError(1, null, "INVALID_HEADER",
					"The header must name each column once: " + String.join(",", KNOWN) + "."));
		}
		catch (UncheckedIOException | IOException ex) {
			errors.add(malformed(1));
		}
		return new Parsed(rows, errors);
	}

	private static FlipImportError malformed(long line) {
		return new FlipImportError(line, null, "MALFORMED_CSV",
				"The file is not valid CSV from about this line on (look for an unclosed or stray quote).");
	}

	private static boolean headerIsValid(List<String> names, List<FlipImportError> errors) {
		if (names.isEmpty()) {
			errors.add(new FlipImportError(1, null, "INVALID_HEADER", "The file is empty: the first line must be the "
					+ "header (" + String.join(",", REQUIRED) + ", ...)."));
			return false;
		}
		boolean valid = true;
		for (String name : names) {
			if (!KNOWN.contains(name)) {
				errors.add(new FlipImportError(1, name, "UNKNOWN_COLUMN", "Unknown column '" + name + "'."));
				valid = false;
			}
		}
		for (String name : REQUIRED) {
			if (!names.contains(name)) {
				errors.add(new FlipImportError(1, name, "MISSING_COLUMN", "The column '" + name + "' is missing."));
				valid = false;
			}
		}
		long saleColumns = SALE.stream().filter(names::contains).count();
		if (saleColumns != 0 && saleColumns != SALE.size()) {
			errors.add(new FlipImportError(1, null, "MISSING_COLUMN",
					"The sale columns " + String.join(",", SALE) + " come all together or not at all."));
			valid = false;
		}
		return valid;
	}

	/**
	 * The rows read and the errors found.
	 *
	 * @param rows well-formed rows, in file order
	 * @param errors format errors
	 */
	record Parsed(List<Row> rows, List<FlipImportError> errors) {
	}

	/**
	 * One well-formed line of the file.
	 *
	 * @param line its line number
	 * @param externalId the caller's id of the trade
	 * @param itemId the item
	 * @param account the account ({@code default} when empty)
	 * @param quantity how many were bought
	 * @param buyPrice the price per item paid
	 * @param boughtAt when
	 * @param sale the sale, or {@code null} for an open flip
	 */
	record Row(long line, String externalId, int itemId, String account, long quantity, long buyPrice, Instant boughtAt,
			Sale sale) {
	}

	/**
	 * The sale of a row.
	 *
	 * @param quantity how many were sold
	 * @param price the price per item before tax
	 * @param soldAt when
	 */
	record Sale(long quantity, long price, Instant soldAt) {
	}

	/** Reads the values of one record, noting every error it finds. */
	private static final class RowReader {

		private final CSVRecord record;

		private final long line;

		private final List<FlipImportError> errors;

		private boolean valid = true;

		RowReader(CSVRecord record, long line, List<FlipImportError> errors) {
			this.record = record;
			this.line = line;
			this.errors = errors;
		}

		Optional<Row> read(Map<String, Long> firstLineOf) {
			if (!this.record.isConsistent()) {
				return error(null, "WRONG_FIELD_COUNT", "The line has " + this.record.size() + " fields, the header "
						+ this.record.getParser().getHeaderNames().size() + ".");
			}
			String externalId = externalId(firstLineOf);
			Integer itemId = number(ITEM_ID, Integer::parseInt);
			String account = value(ACCOUNT);
			Long quantity = number(QUANTITY, Long::parseLong);
			Long buyPrice = number(BUY_PRICE, Long::parseLong);
			Instant boughtAt = instant(BOUGHT_AT);
			Sale sale = sale();
			if (!this.valid) {
				return Optional.empty();
			}
			return Optional.of(new Row(this.line, externalId, itemId,
					account.isEmpty() ? FlipRules.DEFAULT_ACCOUNT : account, quantity, buyPrice, boughtAt, sale));
		}

		private String externalId(Map<String, Long> firstLineOf) {
			String id = required(EXTERNAL_ID);
			if (id == null) {
				return null;
			}
			if (id.length() > MAX_EXTERNAL_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
				error(EXTERNAL_ID, "INVALID_EXTERNAL_ID", "The external id must be 1 to " + MAX_EXTERNAL_ID_LENGTH
						+ " characters, no control characters.");
				return null;
			}
			Long first = firstLineOf.putIfAbsent(id, this.line);
			if (first != null) {
				error(EXTERNAL_ID, "DUPLICATE_EXTERNAL_ID",
						"The external id '" + id + "' is on line " + first + " too.");
				return null;
			}
			return id;
		}

		private Sale sale() {
			List<String> present = SALE.stream().filter((name) -> !value(name).isEmpty()).toList();
			if (present.isEmpty()) {
				return null;
			}
			if (present.size() != SALE.size()) {
				error(null, "SALE_INCOMPLETE", "Fill in all of " + String.join(",", SALE) + ", or none.");
				return null;
			}
			Long quantity = number(SOLD_QUANTITY, Long::parseLong);
			Long price = number(SELL_PRICE, Long::parseLong);
			Instant soldAt = instant(SOLD_AT);
			return (quantity != null && price != null && soldAt != null) ? new Sale(quantity, price, soldAt) : null;
		}

		private <T> T number(String column, Function<String, T> parse) {
			String value = required(column);
			if (value == null) {
				return null;
			}
			try {
				return parse.apply(value);
			}
			catch (NumberFormatException ex) {
				error(column, "INVALID_NUMBER", "'" + abbreviate(value) + "' is not a whole number in range.");
				return null;
			}
		}

		private Instant instant(String column) {
			String value = required(column);
			if (value == null) {
				return null;
			}
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				error(column, "INVALID_TIME",
						"'" + abbreviate(value) + "' is not an ISO-8601 instant such as 2026-01-10T12:00:00Z.");
				return null;
			}
		}

		private String required(String column) {
			String value = value(column);
			if (value.isEmpty()) {
				error(column, "MISSING_VALUE", "The column '" + column + "' needs a value.");
				return null;
			}
			return value;
		}

		private String value(String column) {
			return this.record.isMapped(column) ? this.record.get(column) : "";
		}

		private <T> Optional<T> error(String column, String code, String detail) {
			this.errors.add(new FlipImportError(this.line, column, code, detail));
			this.valid = false;
			return Optional.empty();
		}

		private static String abbreviate(String value) {
			return (value.length() <= 40) ? value : value.substring(0, 40) + "...";
		}

	}

	/**
	 * Line numbers of character positions, counting LF, CRLF and lone CR as breaks. A
	 * record's position is where the parser started reading it, before any empty lines it
	 * skipped: those are skipped here too.
	 */
	private static final class Lines {

		private final String text;

		private final int[] starts;

		Lines(String text) {
			this.text = text;
			List<Integer> found = new ArrayList<>();
			found.add(0);
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
					found.add(i + 1);
				}
			}
			this.starts = found.stream().mapToInt(Integer::intValue).toArray();
		}

		long lineAt(long position) {
			int start = (int) position;
			while (start < this.text.length() && (this.text.charAt(start) == '\n' || this.text.charAt(start) == '\r')) {
				start++;
			}
			int index = Arrays.binarySearch(this.starts, start);
			return (index >= 0) ? index + 1 : -index - 1;
		}

	}

}
