package com.gemetrics.loadtest.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}),
 * so that a request can carry anything: an invalid percent-escape in the path, a method
 * no client library would send, a body that does not match its {@code Content-Length}, a
 * malformed chunk. Loopback only: the host is always 127.0.0.1.
 */
public final class RawHttp {

	private static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

	private final Duration timeout;

	public RawHttp(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Sends the request as it is and reads the whole answer.
	 * @throws SocketTimeoutException when no complete answer came within the timeout
	 * @throws IOException when the server closed the connection without an answer
	 */
	public Response send(int port, FuzzRequest request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) this.timeout.toMillis());
			socket.setSoTimeout((int) this.timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head(port, request));
				if (request.body() != null) {
					out.write(request.body());
				}
				out.flush();
			}
			catch (IOException closedWhileWriting) {
				// A server may answer (413, 400) and close before reading a body it
				// refuses:
				// its answer is still in the socket's receive buffer.
				if (closedWhileWriting instanceof SocketTimeoutException) {
					throw closedWhileWriting;
				}
			}
			return read(socket.getInputStream(), "HEAD".equals(request.method()));
		}
	}

	private static byte[] head(int port, FuzzRequest request) {
		StringBuilder head = new StringBuilder();
		head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1:").append(port).append("\r\n");
		head.append("Connection: close\r\n");
		boolean lengthGiven = false;
		for (Map.Entry<String, String> header : request.headers()) {
			head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
			String name = header.getKey().toLowerCase(Locale.ROOT);
			lengthGiven |= name.equals("content-length") || name.equals("transfer-encoding");
		}
		if (!lengthGiven && request.body() != null) {
			head.append("Content-Length: ").append(request.body().length).append("\r\n");
		}
		head.append("\r\n");
		return head.toString().getBytes(StandardCharsets.UTF_8);
	}

	static Response read(InputStream in, boolean headRequest) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[16 * 1024];
		int headEnd = -1;
		int n;
		while ((n = in.read(buffer)) != -1) {
			all.write(buffer, 0, n);
			if (all.size() > MAX_RESPONSE_BYTES) {
				break;
			}
			if (headEnd < 0) {
				headEnd = indexOf(all.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
		}
		byte[] bytes = all.toByteArray();
		if (headEnd < 0) {
			headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		if (headEnd < 0) {
			throw new IOException("connection closed after " + bytes.length + " bytes without a complete answer");
		}
		String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
			throw new IOException("not an HTTP answer: " + lines[0]);
		}
		int status = Integer.parseInt(statusLine[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
		if (!headRequest && "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
			body = dechunk(body);
		}
		return new Response(status, headers, body);
	}

	private static byte[] dechunk(byte[] chunked) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.US_ASCII));
			if (lineEnd < 0) {
				throw new IOException("malformed chunked answer");
			}
			String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
			int size = Integer.parseInt(sizeText, 16);
			if (size == 0) {
				break;
			}
			int start = lineEnd + 2;
			if (start + size > chunked.length) {
				throw new IOException("truncated chunked answer");
			}
			body.write(chunked, start, size);
			at = start + size + 2;
		}
		return body.toByteArray();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		return indexOf(haystack, 0, needle);
	}

	private static int indexOf(byte[] haystack, int from, byte[] needle) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers header names in lower case; repeated headers joined with ", "
	 * @param body the body, de-chunked
	 */
	public record Response(int status, Map<String, String> headers, byte[] body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
