package com.gemetrics.query.journal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.gemetrics.api.flip.FlipView;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static com.gemetrics.query.consistency.ReadYourWrites.STALE_HEADER;

/**
 * Streams a user's flips as CSV or JSON: one row per flip with a summary of its sales,
 * newest buy first, read through a server-side cursor in a read-only transaction so no
 * list of unbounded size is held in memory. CSV (RFC 4180, UTF-8, header row) has the
 * columns of {@link #CSV_HEADER}; account and item names that a spreadsheet would take
 * for a formula ({@code = + - @}) are prefixed with {@code '}. JSON is an array of
 * {@link FlipView} objects with {@code sales} (the number of sales) added. Coins are
 * integers, times ISO-8601 UTC, empty when absent.
 * <p>
 * At most the caller's plan's rows ({@code Entitlements.csvExportRows}, both formats): a
 * user with more flips gets the newest that many, and the answer says so before the body
 * with {@value #TRUNCATED_HEADER}{@code : true} and {@value #LIMIT_HEADER}.
 */
@Component
class FlipExporter {

	/** Present ({@code true}) when the user has more flips than the export holds. */
	static final String TRUNCATED_HEADER = "X-Export-Truncated";

	/** The most rows the caller's plan exports, sent with {@link #TRUNCATED_HEADER}. */
	static final String LIMIT_HEADER = "X-Export-Limit";

	static final String CSV_HEADER = "flip_id,account,item_id,item_name,status,quantity,buy_price,bought_at,"
			+ "sold_quantity,written_off_quantity,open_quantity,sales,cost,revenue,tax,profit,last_sale_at,closed_at";

	private final JournalReadRepository repository;

	private final TransactionTemplate readOnly;

	private final ObjectMapper json;

	private final int fetchSize;

	FlipExporter(JournalReadRepository repository, PlatformTransactionManager transactions, ObjectMapper json,
			JournalProperties properties) {
		this.repository = repository;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.json = json;
		this.fetchSize = properties.exportFetchSize();
	}

	/**
	 * The export of at most {@code maxRows} flips, newest buy first.
	 */
	ResponseEntity<StreamingResponseBody> export(UUID userId, Format format, boolean stale, int maxRows) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(format.mediaType)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("flips." + format.extension).build().toString());
		if (stale) {
			response.header(STALE_HEADER, "true");
		}
		if (this.repository.hasMoreFlipsThan(userId, maxRows)) {
			response.header(TRUNCATED_HEADER, "true").header(LIMIT_HEADER, Integer.toString(maxRows));
		}
		StreamingResponseBody body = (format == Format.CSV) ? (out) -> csv(userId, maxRows, out)
				: (out) -> json(userId, maxRows, out);
		return response.body(body);
	}

	private void csv(UUID userId, int maxRows, OutputStream out) throws IOException {
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		writer.write(CSV_HEADER);
		writer.write("\r\n");
		stream(userId, maxRows, (flip, sales) -> {
			try {
				writer.write(String.join(",", flip.id(), text(flip.account()), Integer.toString(flip.itemId()),
						text(flip.itemName()), flip.status(), Long.toString(flip.quantity()),
						Long.toString(flip.buyPrice()), time(flip.boughtAt()), Long.toString(flip.soldQuantity()),
						Long.toString(flip.writtenOffQuantity()), Long.toString(flip.openQuantity()),
						Integer.toString(sales), Long.toString(flip.cost()), flip.revenue().toString(),
						flip.tax().toString(), flip.profit().toString(), time(flip.lastSaleAt()),
						time(flip.closedAt())));
				writer.write("\r\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		writer.flush();
	}

	private void json(UUID userId, int maxRows, OutputStream out) throws IOException {
		ObjectWriter writer = this.json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
		try (JsonGenerator generator = this.json.getFactory().createGenerator(out)) {
			generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
			generator.writeStartArray();
			stream(userId, maxRows, (flip, sales) -> {
				try {
					writer.writeValue(generator, new ExportedFlip(flip, sales));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			generator.writeEndArray();
		}
	}

	private void stream(UUID userId, int maxRows, JournalReadRepository.FlipConsumer consumer) throws IOException {
		try {
			this.readOnly
				.executeWithoutResult((status) -> this.repository.eachFlip(userId, maxRows, this.fetchSize, consumer));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/** A CSV field: quoted when needed, and never read as a formula. */
	static String text(String value) {
		if (value == null) {
			return "";
		}
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

	private static String time(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	/**
	 * A flip as the JSON export writes it.
	 *
	 * @param flip the flip and its totals
	 * @param sales how many sales it has
	 */
	record ExportedFlip(@JsonUnwrapped FlipView flip, int sales) {
	}

	/** The export formats. */
	enum Format {

		CSV("csv", new MediaType("text", "csv", StandardCharsets.UTF_8)), JSON("json", MediaType.APPLICATION_JSON);

		private final String extension;

		private final MediaType mediaType;

		Format(String extension, MediaType mediaType) {
			this.extension = extension;
			this.mediaType = mediaType;
		}

		static Optional<Format> of(String name) {
			if (name == null) {
				return Optional.empty();
			}
			String lower = name.toLowerCase(Locale.ROOT);
			for (Format format : values()) {
				if (format.extension.equals(lower)) {
					return Optional.of(format);
				}
			}
			return Optional.empty();
		}

	}

}
