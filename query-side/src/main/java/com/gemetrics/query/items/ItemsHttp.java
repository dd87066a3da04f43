package com.gemetrics.query.items;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The HTTP details shared by the fast path and the controller: content negotiation of the gzip
 * list, ETag matching, and writing pre-serialized bytes with as little work as possible.
 */
final class ItemsHttp {

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

	/** Whether an {@code If-None-Match} header matches {@code etag} (weak comparison, as RFC 9110 asks). */
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
		write(request, response, gzip ? snapshot.gzip() : snapshot.json(), etag, cacheControl);
	}

	/** Writes one item's JSON, or 304 when the client has it. */
	static void writeItem(HttpServletRequest request, HttpServletResponse response, byte[] json, String etag,
			String cacheControl) throws IOException {
		write(request, response, json, etag, cacheControl);
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, byte[] body, String etag,
			String cacheControl) throws IOException {
		response.setHeader(HttpHeaders.ETAG, etag);
		response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
		if (etagMatches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
