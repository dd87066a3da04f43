package com.gemetrics.platform.protection;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Content-Type} is not one concrete media type (a wildcard
 * such as {@code application/*+json}, or no media type at all) with 415 problem+json
 * ({@code UNSUPPORTED_MEDIA_TYPE}). Spring MVC reads such a header with an assertion that
 * would otherwise surface as a 500.
 */
class ContentTypeFilter extends OncePerRequestFilter {

	static final String CODE = "UNSUPPORTED_MEDIA_TYPE";

	private final ProblemResponses problems;

	ContentTypeFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && !concrete(contentType)) {
			this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, CODE,
					"The Content-Type must be one concrete media type.");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean concrete(String contentType) {
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			return !mediaType.isWildcardType() && !mediaType.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
