package com.gemetrics.query.items;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.item.ItemView;

import org.springframework.stereotype.Component;

/**
 * Turns item views into the bytes that are stored and served, and back, with the
 * application's {@link ObjectMapper} (ISO-8601 instants, nulls written).
 */
@Component
class ItemsCodec {

	private static final TypeReference<List<ItemView>> VIEW_LIST = new TypeReference<>() {
	};

	private final ObjectMapper objectMapper;

	ItemsCodec(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/** The canonical form of {@code views} (which must be ordered by id). */
	ItemsCanonical canonical(List<ItemView> views, String sourceVersion) {
		byte[] json = json(views);
		return new ItemsCanonical(views, json, gzip(json), hash(json), sourceVersion);
	}

	/** The canonical form of every row, ordered by id. */
	ItemsCanonical canonical(Map<Integer, ItemRow> rowsById) {
		List<ItemView> views = new ArrayList<>(rowsById.size());
		new TreeMap<>(rowsById).values().forEach((row) -> views.add(row.toView()));
		return canonical(views, ItemRow.version(rowsById.values()));
	}

	/**
	 * The canonical form read back from its gzip bytes, tag and source version, as Redis
	 * holds them.
	 */
	ItemsCanonical fromGzip(byte[] gzip, String tag, String sourceVersion) {
		byte[] json = gunzip(gzip);
		try {
			return new ItemsCanonical(this.objectMapper.readValue(json, VIEW_LIST), json, gzip, tag, sourceVersion);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("unreadable item list", ex);
		}
	}

	byte[] json(Object value) {
		try {
			return this.objectMapper.writeValueAsBytes(value);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException("cannot serialize items", ex);
		}
	}

	ItemView view(byte[] json) {
		try {
			return this.objectMapper.readValue(json, ItemView.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("unreadable item", ex);
		}
	}

	static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 5));
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] gunzip(byte[] bytes) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("not gzip", ex);
		}
	}

	/** The first 80 bits of the SHA-256 of {@code bytes}, in hex. */
	static String hash(byte[] bytes) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			return HexFormat.of().formatHex(digest, 0, 10);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
