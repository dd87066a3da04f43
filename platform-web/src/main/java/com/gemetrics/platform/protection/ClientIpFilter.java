package com.gemetrics.platform.protection;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@link HttpServletRequest#getRemoteAddr()} return the client address that
 * {@link ClientIp} resolves, for every later filter and controller. Without trusted
 * proxies it changes nothing and costs nothing.
 */
class ClientIpFilter extends OncePerRequestFilter {

	private final ClientIp clientIp;

	ClientIpFilter(ClientIp clientIp) {
		this.clientIp = clientIp;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.clientIp.trustsAnyProxy()) {
			chain.doFilter(request, response);
			return;
		}
		String client = this.clientIp.resolve(request);
		chain.doFilter(client.equals(request.getRemoteAddr()) ? request : new ClientAddressRequest(request, client),
				response);
	}

	private static final class ClientAddressRequest extends HttpServletRequestWrapper {

		private final String client;

		ClientAddressRequest(HttpServletRequest request, String client) {
			super(request);
			this.client = client;
		}

		@Override
		public String getRemoteAddr() {
			return this.client;
		}

		@Override
		public String getRemoteHost() {
			return this.client;
		}

	}

}
