package com.gemetrics.platform.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problem+json with a {@code code}, like every other error of the
 * API, plus the RFC 6750 {@code WWW-Authenticate} header. The detail never says why a
 * token failed (expired, wrong key, revoked): the client's next step is the same. An app
 * whose signing keys come over the network also gives the bearer-token filter
 * {@link #failureHandler()}, so that a failure to fetch them answers 503.
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	/**
	 * For the bearer-token filter: every authentication failure goes to
	 * {@link #commence}, where one that is not the token's fault (the signing keys cannot
	 * be fetched) answers 503 instead of escaping as a 500.
	 */
	public AuthenticationFailureHandler failureHandler() {
		return this::commence;
	}

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

	private final ObjectMapper json;

	public ProblemSecurityHandlers(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof AuthenticationServiceException) {
			write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "TOKEN_VERIFICATION_UNAVAILABLE",
					"Access tokens cannot be verified right now; retry shortly.");
			return;
		}
		this.bearerEntryPoint.commence(request, response, authException);
		boolean badToken = authException instanceof OAuth2AuthenticationException;
		write(request, response, HttpStatus.UNAUTHORIZED, badToken ? "INVALID_TOKEN" : "AUTHENTICATION_REQUIRED",
				badToken ? "The access token is missing, malformed, expired or revoked."
						: "This endpoint needs a valid access token.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.bearerDenied.handle(request, response, accessDeniedException);
		write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "Your roles do not allow this.");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		problem.put("code", code);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
