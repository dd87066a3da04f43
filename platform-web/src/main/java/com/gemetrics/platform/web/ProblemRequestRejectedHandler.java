package com.gemetrics.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request that Spring Security's firewall refuses (an encoded {@code ;}, {@code //} or
 * {@code ..} in the path, a method outside the usual ones, a header with control
 * characters) answers 400 problem+json with the code {@code REQUEST_REJECTED}, instead of
 * an empty 400 or Spring Boot's JSON error page.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	private final ObjectMapper json;

	ProblemRequestRejectedHandler(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", HttpStatus.BAD_REQUEST.getReasonPhrase());
		problem.put("status", HttpStatus.BAD_REQUEST.value());
		problem.put("detail", "The request was rejected: its path, method or headers are not allowed.");
		problem.put("code", "REQUEST_REJECTED");
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
