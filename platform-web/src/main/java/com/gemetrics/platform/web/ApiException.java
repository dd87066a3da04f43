package com.gemetrics.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be answered as asked, with the HTTP status and a stable
 * machine-readable {@code code} that the problem+json answer carries.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	public ApiException(HttpStatus status, String code, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	/** 404: the thing asked for does not exist (or is not the caller's). */
	public static ApiException notFound(String code, String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, code, detail);
	}

	/** 400: the request's shape or values are wrong. */
	public static ApiException badRequest(String code, String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
	}

}
