package com.gemetrics.query.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.gemetrics.api.audit.AuditEventView;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams the events matching a filter as NDJSON (ADR 0012's pattern: a server-side
 * cursor in a read-only transaction, {@value #FETCH_SIZE} rows at a time, each event
 * written as it is read), so memory stays one fetch whatever the size of the history.
 * <p>
 * One JSON object per line, each an event as in a page, each line ending in {@code \n}.
 * The last line is {@code {"count": n, "sha256": "<hex>"}}: the number of event lines and
 * the SHA-256 of every byte before the last line (the event lines, UTF-8, each with its
 * {@code \n}), so {@code head -n -1 events.ndjson | sha256sum} checks a copy. Gzip when
 * the client accepts it (the hash is of the uncompressed lines). The call is recorded in
 * the access log when the stream ends, with the count sent, {@code aborted} if it broke
 * off.
 */
@Component
class AuditExporter {

	static final int FETCH_SIZE = 500;

	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	static final String ENDPOINT = "GET /api/v1/audit/events/export";

	private final AuditEventRepository repository;

	private final AuditEvents events;

	private final AuditAccessLog accessLog;

	private final TransactionTemplate readOnly;

	private final ObjectWriter writer;

	AuditExporter(AuditEventRepository repository, AuditEvents events, AuditAccessLog accessLog,
			PlatformTransactionManager transactions, ObjectMapper json) {
		this.repository = repository;
		this.events = events;
		this.accessLog = accessLog;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.writer = json.writer()
			.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
			.without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
	}

	ResponseEntity<StreamingResponseBody> export(AuditFilter filter, AuditAccessLog.Caller caller, boolean gzip) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(NDJSON)
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("events.ndjson").build().toString());
		if (gzip) {
			response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		return response.body((out) -> stream(filter, caller, gzip ? new GZIPOutputStream(out, 8192) : out));
	}

	/**
	 * Writes the lines, then records the call before the response ends, so the log holds
	 * every export a client has received whole.
	 */
	private void stream(AuditFilter filter, AuditAccessLog.Caller caller, OutputStream target) throws IOException {
		Lines lines = new Lines(new BufferedOutputStream(target, 16 * 1024));
		try {
			this.readOnly.executeWithoutResult((status) -> this.repository.each(filter, FETCH_SIZE,
					(stored) -> this.events.views(stored).forEach(lines::event)));
			lines.trailer();
		}
		catch (UncheckedIOException ex) {
			aborted(filter, caller, lines);
			throw ex.getCause();
		}
		catch (IOException | RuntimeException ex) {
			aborted(filter, caller, lines);
			throw ex;
		}
		this.accessLog.record(caller, ENDPOINT, filter.describe(), lines.count, AuditAccessLog.COMPLETE);
		target.close();
	}

	private void aborted(AuditFilter filter, AuditAccessLog.Caller caller, Lines lines) {
		this.accessLog.record(caller, ENDPOINT, filter.describe(), lines.count, AuditAccessLog.ABORTED);
	}

	/** The event lines written so far, their count and their running hash. */
	private final class Lines {

		private final OutputStream out;

		private final MessageDigest sha256;

		private long count;

		Lines(OutputStream out) {
			this.out = out;
			try {
				this.sha256 = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void event(AuditEventView view) {
			try {
				byte[] line = AuditExporter.this.writer.writeValueAsBytes(view);
				this.sha256.update(line);
				this.sha256.update((byte) '\n');
				this.out.write(line);
				this.out.write('\n');
				this.count++;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void trailer() throws IOException {
			Map<String, Object> trailer = new LinkedHashMap<>();
			trailer.put("count", this.count);
			trailer.put("sha256", HexFormat.of().formatHex(this.sha256.digest()));
			this.out.write(AuditExporter.this.writer.writeValueAsBytes(trailer));
			this.out.write('\n');
			this.out.flush();
		}

	}

}
