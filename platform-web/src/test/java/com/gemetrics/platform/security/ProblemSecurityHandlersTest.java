package com.gemetrics.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemSecurityHandlersTest {

	final ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(new ObjectMapper());

	@Test
	void answersServiceUnavailableWhenTheSigningKeysCannotBeFetched() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.handlers.failureHandler()
			.onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/me"), response,
					new AuthenticationServiceException("Couldn't retrieve JWK set from URL: Connection refused"));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"code\":\"TOKEN_VERIFICATION_UNAVAILABLE\"")
			.doesNotContain("Connection refused");
	}

	@Test
	void answersUnauthorizedForABadToken() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.handlers.failureHandler()
			.onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/me"), response,
					new OAuth2AuthenticationException(new OAuth2Error("invalid_token")));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.getContentAsString()).contains("\"code\":\"INVALID_TOKEN\"");
	}

}
