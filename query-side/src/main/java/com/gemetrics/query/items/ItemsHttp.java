package com.gemetrics.query.items;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The HTTP details shared by the fast path and the controller: content negotiation of the
 * gzip list, ETag matching, and writing pre-serialized bytes with as little work as
 * possible.
 */
final class ItemsHttp {

	static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";

	static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";

	static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";

	static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

	private ItemsHttp() {
	}

	/** Whether an {@code Accept-Encoding} header accepts gzip. */
	static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null || !acceptEncoding.contains("gzip")) {
			return false;
		}
		if (!acceptEncoding.contains("q=0")) {
			return true;
		}
		for (String coding : acceptEncoding.split(",")) {
			String[] parts = coding.trim().split(";");
			if (parts[0].trim().equalsIgnoreCase("gzip") || parts[0].trim().equals("*")) {
				return !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"));
			}
		}
		return false;
	}

	/**
	 * Whether an {@code If-None-Match} header matches {@code etag} (weak comparison, as
	 * RFC 9110 asks).
	 */
	static boolean etagMatches(String ifNoneMatch, String etag) {
		return ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"));
	}

	/** Writes the whole list, gzip when accepted, or 304 when the client has it. */
	static void writeList(HttpServletRequest request, HttpServletResponse response, ItemsSnapshot snapshot,
			String cacheControl) throws IOException {
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		String etag = gzip ? snapshot.gzipEtag() : snapshot.etag();
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		if (gzip) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		if (gzip && snapshot.gzipFile() != null && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
			sendFile(request, response, snapshot.gzipFile(), snapshot.gzip().length, etag, cacheControl);
			return;
		}
		write(request, response, gzip ? snapshot.gzip() : snapshot.json(), etag, cacheControl);
	}

	/**
	 * Hands the file to Tomcat, which sends it with {@code sendfile} after the filter
	 * chain returns (Tomcat's request attributes for this, as its own static file servlet
	 * uses them).
	 */
	private static void sendFile(HttpServletRequest request, HttpServletResponse response, Path file, long length,
			String etag, String cacheControl) {
		if (notModified(request, response, etag, cacheControl)) {
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLengthLong(length);
		request.setAttribute(SENDFILE_FILENAME, file.toAbsolutePath().toString());
		request.setAttribute(SENDFILE_START, 0L);
		request.setAttribute(SENDFILE_END, length);
	}

	/** Writes one item's JSON, or 304 when the client has it. */
	static void writeItem(HttpServletRequest request, HttpServletResponse response, byte[] json, String etag,
			String cacheControl) throws IOException {
		write(request, response, json, etag, cacheControl);
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, byte[] body, String etag,
			String cacheControl) throws IOException {
		if (notModified(request, response, etag, cacheControl)) {
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * Sets the validators; answers 304 and returns true when the client already has
	 * {@code etag}.
	 */
	private static boolean notModified(HttpServletRequest request, HttpServletResponse response, String etag,
			String cacheControl) {
		response.setHeader(HttpHeaders.ETAG, etag);
		response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
		if (etagMatches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return true;
		}
		return false;
	}

}
