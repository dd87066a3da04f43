package com.gemetrics.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;

/** A request the firewall refuses answers 400 problem+json, never an empty 400. */
class ProblemRequestRejectedHandlerTest {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void answers400ProblemJsonWithACode() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		new ProblemRequestRejectedHandler(this.json).handle(new MockHttpServletRequest("GET", "/api/v1/items/..;"),
				response, new RequestRejectedException("The request was rejected because the URL was not normalized."));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(this.json.readTree(response.getContentAsByteArray()).get("code").asText())
			.isEqualTo("REQUEST_REJECTED");
	}

}
