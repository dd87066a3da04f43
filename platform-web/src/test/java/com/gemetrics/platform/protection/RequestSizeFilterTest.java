package com.gemetrics.platform.protection;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies of unknown length (chunked) are counted while read, and cut off at the cap. */
class RequestSizeFilterTest {

	private final ObjectMapper objectMapper = Jackson2ObjectMapperBuilder.json().build();

	private final RequestSizeFilter filter = new RequestSizeFilter(new ProtectionProperties(List.of(), List.of(),
			DataSize.ofKilobytes(64), DataSize.ofMegabytes(2), 32, 1000, RateLimiterTest.settings(1)),
			new ProblemResponses(this.objectMapper));

	@Test
	void cutsAChunkedBodyOffAtTheCap() throws Exception {
		long[] read = new long[1];
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.filter.doFilter(chunked("/api/v1/auth/register", 10 * 1024 * 1024), response, readingChain(read));

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(this.objectMapper.readTree(response.getContentAsString()).get("code").textValue())
			.isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(read[0]).isLessThanOrEqualTo(64 * 1024 + 8192);
	}

	@Test
	void letsAnUploadReadUpToItsLargerCap() throws Exception {
		long[] read = new long[1];
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.filter.doFilter(chunked("/api/v1/flips/imports", 1024 * 1024), response, readingChain(read));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(read[0]).isEqualTo(1024 * 1024);
	}

	@Test
	void refusesADeclaredLengthOverTheCapWithoutReading() throws Exception {
		long[] read = new long[1];
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/flips/imports");
		request.setServletPath("/api/v1/flips/imports");
		request.setContent(new byte[3 * 1024 * 1024]);
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.filter.doFilter(request, response, readingChain(read));

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getHeader("Connection")).isEqualTo("close");
		assertThat(read[0]).isZero();
	}

	@Test
	void passesAPathWithAnEncodedPercentSignOnToTheApp() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/flips/%25/sales");
		request.setServletPath("/api/v1/flips/%/sales");
		request.setContent(new byte[16]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		long[] read = new long[1];

		this.filter.doFilter(request, response, readingChain(read));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(read[0]).isEqualTo(16);
	}

	private static FilterChain readingChain(long[] read) {
		return (request, response) -> {
			byte[] buffer = new byte[8192];
			int n;
			while ((n = request.getInputStream().read(buffer)) > 0) {
				read[0] += n;
			}
		};
	}

	private static MockHttpServletRequest chunked(String path, int size) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path) {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}

		};
		request.setServletPath(path);
		request.setContent(new byte[size]);
		return request;
	}

}
