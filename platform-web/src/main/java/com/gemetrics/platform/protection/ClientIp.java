package com.gemetrics.platform.protection;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's IP address: the socket peer, unless the peer is a trusted proxy
 * ({@code ge.protection.trusted-proxies}), in which case the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. {@code X-Forwarded-For}
 * from any other peer is ignored, so a client cannot pick its own address.
 * <p>
 * {@link ClientIpFilter} applies this to every request early, so
 * {@link HttpServletRequest#getRemoteAddr()} already returns the resolved address further
 * down the chain.
 */
public final class ClientIp {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<CidrRange> trustedProxies;

	ClientIp(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().filter((cidr) -> !cidr.isBlank()).map(CidrRange::parse).toList();
	}

	/**
	 * True when any proxy is trusted, i.e. when {@code X-Forwarded-For} can matter at
	 * all.
	 */
	boolean trustsAnyProxy() {
		return !this.trustedProxies.isEmpty();
	}

	/** The client address of this request, as a textual IP address. */
	public String resolve(HttpServletRequest request) {
		return resolve(request.getRemoteAddr(), request.getHeaders(FORWARDED_FOR));
	}

	String resolve(String peer, Enumeration<String> forwardedHeaders) {
		if (!trustsAnyProxy() || !isTrusted(CidrRange.literal(peer)) || forwardedHeaders == null) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(forwardedHeaders)) {
			for (String hop : header.split(",")) {
				hops.add(hop.trim());
			}
		}
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = CidrRange.literal(hops.get(i));
			if (hop == null) {
				return client;
			}
			client = hop.getHostAddress();
			if (!isTrusted(hop)) {
				return client;
			}
		}
		return client;
	}

	private boolean isTrusted(InetAddress address) {
		if (address == null) {
			return false;
		}
		for (CidrRange range : this.trustedProxies) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
