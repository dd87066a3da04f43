package com.gemetrics.command.user;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * The client's IP address. Forwarded headers from trusted proxies are resolved before the
 * request reaches controllers (web layer), so the remote address is already the client's;
 * this seam keeps that decision in one place.
 */
@Component
class ClientIp {

	String of(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
