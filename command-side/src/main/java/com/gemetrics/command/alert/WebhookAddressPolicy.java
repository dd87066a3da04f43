package com.gemetrics.command.alert;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

/**
 * Which addresses a webhook may reach: in production only public unicast addresses, so a
 * user cannot point the server at itself, its network or a cloud metadata service. A host
 * is allowed only if every address it resolves to is; the check runs when the URL is set
 * and again on every connection (the HTTP client resolves through it), so a DNS answer
 * that changes in between (rebinding) is caught.
 */
class WebhookAddressPolicy {

	/** Resolves a host name (or literal) to its addresses; injectable for tests. */
	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/** A host that resolves to an address the policy refuses. */
	static class AddressRejectedException extends UnknownHostException {

		AddressRejectedException(String message) {
			super(message);
		}

	}

	private final Resolver resolver;

	private final Predicate<InetAddress> allowed;

	WebhookAddressPolicy(Resolver resolver, Predicate<InetAddress> allowed) {
		this.resolver = resolver;
		this.allowed = allowed;
	}

	/** The production policy: public addresses only. */
	static WebhookAddressPolicy publicOnly(Resolver resolver) {
		return new WebhookAddressPolicy(resolver, WebhookAddressPolicy::isPublic);
	}

	/**
	 * Resolves the host and answers its addresses if all are allowed.
	 * @throws AddressRejectedException if any address is refused
	 * @throws UnknownHostException if it does not resolve
	 */
	InetAddress[] resolveAllowed(String host) throws UnknownHostException {
		InetAddress[] addresses = this.resolver.resolve(host);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException("no address");
		}
		for (InetAddress address : addresses) {
			if (!this.allowed.test(address)) {
				throw new AddressRejectedException("address not allowed for webhooks");
			}
		}
		return addresses;
	}

	/**
	 * Whether the address is public unicast: not the unspecified address, loopback,
	 * private (10/8, 172.16/12, 192.168/16, 100.64/10), link-local (169.254/16 with the
	 * metadata service, fe80::/10), site-local, unique-local (fc00::/7), multicast,
	 * broadcast, documentation or benchmark ranges, nor an IPv6 form that embeds such an
	 * IPv4 address (mapped, compatible, NAT64, 6to4) or tunnels it (Teredo).
	 */
	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicV4(b, 0);
		}
		return isPublicV6(b);
	}

	private static boolean isPublicV6(byte[] b) {
		int b0 = b[0] & 0xff;
		int b1 = b[1] & 0xff;
		if ((b0 & 0xfe) == 0xfc) {
			return false;
		}
		if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
			return false;
		}
		if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
			return false;
		}
		if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
			return isPublicV4(b, 12);
		}
		if (zero(b, 0, 12)) {
			return false;
		}
		if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
			return isPublicV4(b, 12);
		}
		if (b0 == 0x20 && b1 == 0x02) {
			return isPublicV4(b, 2);
		}
		if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
			return false;
		}
		if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
			return false;
		}
		return !(b0 == 0x01 && b1 == 0x00 && zero(b, 2, 8));
	}

	private static boolean isPublicV4(byte[] bytes, int offset) {
		int a = bytes[offset] & 0xff;
		int b = bytes[offset + 1] & 0xff;
		int c = bytes[offset + 2] & 0xff;
		if (a == 0 || a == 10 || a == 127 || a >= 224) {
			return false;
		}
		if (a == 100 && (b & 0xc0) == 64) {
			return false;
		}
		if (a == 169 && b == 254) {
			return false;
		}
		if (a == 172 && (b & 0xf0) == 16) {
			return false;
		}
		if (a == 192 && b == 168) {
			return false;
		}
		if (a == 192 && b == 0 && (c == 0 || c == 2)) {
			return false;
		}
		if (a == 192 && b == 88 && c == 99) {
			return false;
		}
		if (a == 198 && (b == 18 || b == 19)) {
			return false;
		}
		if (a == 198 && b == 51 && c == 100) {
			return false;
		}
		return !(a == 203 && b == 0 && c == 113);
	}

	private static boolean zero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
