package com.gemetrics.platform.protection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Refuses request bodies over {@code ge.protection.max-request-bytes} (uploads:
 * {@code max-upload-bytes}) with 413 problem+json ({@code PAYLOAD_TOO_LARGE}): by the
 * declared {@code Content-Length} before anything is read, and for bodies of unknown
 * length (chunked) by counting while the application reads, so no more than the cap is
 * ever read or stored.
 */
class RequestSizeFilter extends OncePerRequestFilter {

	static final String CODE = "PAYLOAD_TOO_LARGE";

	private final long maxBytes;

	private final long maxUploadBytes;

	private final List<PathPattern> uploadPaths;

	private final ProblemResponses problems;

	RequestSizeFilter(ProtectionProperties properties, ProblemResponses problems) {
		this.maxBytes = properties.maxRequestBytes().toBytes();
		this.maxUploadBytes = properties.maxUploadBytes().toBytes();
		this.uploadPaths = UserRateLimitFilter.parse(properties.rateLimit().uploadPaths());
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long max = isUpload(request) ? this.maxUploadBytes : this.maxBytes;
		long declared = request.getContentLengthLong();
		if (declared > max) {
			refuse(request, response, max);
			return;
		}
		if (declared >= 0) {
			chain.doFilter(request, response);
			return;
		}
		CountingRequest counting = new CountingRequest(request, max);
		try {
			chain.doFilter(counting, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!counting.exceeded() || response.isCommitted()) {
				throw ex;
			}
			response.reset();
			refuse(request, response, max);
		}
	}

	private boolean isUpload(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && UserRateLimitFilter.matches(this.uploadPaths, request);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, long max) throws IOException {
		response.setHeader(HttpHeaders.CONNECTION, "close");
		this.problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, CODE, tooLarge(max).getBody().getDetail());
	}

	static ErrorResponseException tooLarge(long max) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + max + " bytes.");
		problem.setProperty("code", CODE);
		return new ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE, problem, null);
	}

	private static final class CountingRequest extends HttpServletRequestWrapper {

		private final long max;

		private CountingStream stream;

		private BufferedReader reader;

		CountingRequest(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		boolean exceeded() {
			return this.stream != null && this.stream.count > this.max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream(), this.max);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return this.reader;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long max;

		private long count;

		CountingStream(ServletInputStream delegate, long max) {
			this.delegate = delegate;
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				counted(n);
			}
			return n;
		}

		/**
		 * Past the cap, throws the unchecked {@link ErrorResponseException} rather than
		 * an {@link IOException}, which Spring MVC would turn into a 400: it reaches the
		 * API's exception handler as a 413.
		 */
		private void counted(int n) {
			this.count += n;
			if (this.count > this.max) {
				throw tooLarge(this.max);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
