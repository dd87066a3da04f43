package com.gemetrics.platform.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code Content-Type} that is not one concrete media type answers 415, where Spring
 * MVC would fail on it with a 500.
 */
class ContentTypeFilterTest {

	private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();

	private final ContentTypeFilter filter = new ContentTypeFilter(new ProblemResponses(this.json));

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "*/*", "application/*+json", "application/*", "garbage", "application/", ";;" })
	void refusesWildcardsAndGarbageWith415(String contentType) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/auth/login");
		request.addHeader("Content-Type", contentType);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(415);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(this.json.readTree(response.getContentAsByteArray()).get("code").asText())
			.isEqualTo("UNSUPPORTED_MEDIA_TYPE");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void passesAConcreteMediaTypeOn() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/auth/login");
		request.addHeader("Content-Type", "application/json; charset=UTF-8");
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isSameAs(request);
	}

}
