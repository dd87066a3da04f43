package com.gemetrics.platform.protection;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes RFC 9457 problem+json from a servlet filter, in the shape the API's exception
 * handler gives (a {@code code} property), for answers given before Spring MVC runs.
 */
final class ProblemResponses {

	private final ObjectMapper objectMapper;

	ProblemResponses(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		problem.setProperty("code", code);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
