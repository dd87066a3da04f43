package com.gemetrics.query.items;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.gemetrics.query.web.BearerTokens;
import com.gemetrics.query.web.SecurityHeaders;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;

/**
 * The hot read path: {@code GET /api/v1/items} without a query string and {@code GET
 * /api/v1/items/{id}} for an id in the snapshot are answered here, from pre-serialized
 * bytes, without Spring MVC, Jackson or the {@code QueryGateway}. This bypasses the house
 * rule that controllers call the gateway, because the list must be served at a rate close
 * to a static file server's; see the ADR on the Redis layout. Everything else (filters,
 * unknown ids, no snapshot yet) passes on to {@link ItemsController}, which goes through
 * the gateway.
 * <p>
 * Registered by {@link ItemsWebConfig} for these paths only, twice: before Spring
 * Security's chain for anonymous requests (the chain would permit them unchanged, and its
 * per-request matching costs more than the rest of the request), and after it for
 * requests with a bearer token, which the chain verifies first. Request ids, metrics,
 * client IP, CORS and rate limits run before both. The bytes carry their own
 * {@code Content-Encoding}, which stops the server's response compression from
 * compressing them again.
 */
class ItemsFastPathFilter implements Filter {

	static final String LIST_PATH = "/api/v1/items";

	static final String ITEM_PREFIX = LIST_PATH + "/";

	private static final String BEARER = "Bearer ";

	private final ItemsSnapshots snapshots;

	private final String cacheControl;

	private final boolean beforeSecurity;

	private final BearerTokens bearerTokens;

	/**
	 * @param beforeSecurity this instance runs before Spring Security's filter chain: it
	 * answers requests without credentials (which that chain would let through untouched)
	 * and requests whose bearer token {@code bearerTokens} finds valid, and writes the
	 * security headers itself; any other {@code Authorization} passes on to the chain,
	 * which refuses it, and to the instance registered after it
	 * @param bearerTokens the verifier of bearer tokens (used only before the chain)
	 */
	ItemsFastPathFilter(ItemsSnapshots snapshots, ItemsProperties properties, boolean beforeSecurity,
			BearerTokens bearerTokens) {
		this.snapshots = snapshots;
		this.cacheControl = CacheControl.maxAge(properties.cacheMaxAge()).cachePublic().getHeaderValue();
		this.beforeSecurity = beforeSecurity;
		this.bearerTokens = bearerTokens;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		ItemsSnapshot snapshot = this.snapshots.current();
		if (snapshot != null && "GET".equals(request.getMethod()) && mayAnswer(request)) {
			String path = request.getRequestURI();
			int contextLength = request.getContextPath().length();
			if (contextLength > 0) {
				path = path.substring(contextLength);
			}
			if (path.equals(LIST_PATH) && request.getQueryString() == null) {
				securityHeaders(request, res);
				ItemsHttp.writeList(request, (HttpServletResponse) res, snapshot, this.cacheControl);
				return;
			}
			int id = itemId(path);
			byte[] json = (id >= 0) ? snapshot.itemJson(id) : null;
			if (json != null) {
				securityHeaders(request, res);
				ItemsHttp.writeItem(request, (HttpServletResponse) res, json, snapshot.itemEtag(id), this.cacheControl);
				return;
			}
		}
		chain.doFilter(req, res);
	}

	private boolean mayAnswer(HttpServletRequest request) {
		if (!this.beforeSecurity) {
			return true;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null) {
			return true;
		}
		return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& this.bearerTokens.isValid(authorization.substring(BEARER.length()).trim());
	}

	private void securityHeaders(HttpServletRequest request, ServletResponse response) {
		if (this.beforeSecurity) {
			SecurityHeaders.apply(request, (HttpServletResponse) response);
		}
	}

	/** The id in {@code /api/v1/items/{id}}, or -1 when the path is not that. */
	static int itemId(String path) {
		int length = path.length();
		if (length <= ITEM_PREFIX.length() || length > ITEM_PREFIX.length() + 9 || !path.startsWith(ITEM_PREFIX)) {
			return -1;
		}
		int id = 0;
		for (int i = ITEM_PREFIX.length(); i < length; i++) {
			char c = path.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			id = id * 10 + (c - '0');
		}
		return id;
	}

}
