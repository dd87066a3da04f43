package com.gemetrics.platform.protection;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}, or one
 * address).
 */
record CidrRange(byte[] network, int prefixLength) {

	static CidrRange parse(String cidr) {
		String trimmed = cidr.trim();
		int slash = trimmed.indexOf('/');
		InetAddress address = literal((slash < 0) ? trimmed : trimmed.substring(0, slash));
		if (address == null) {
			throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr);
		}
		byte[] bytes = address.getAddress();
		int prefix = (slash < 0) ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
		if (prefix < 0 || prefix > bytes.length * 8) {
			throw new IllegalArgumentException("Bad prefix length in " + cidr);
		}
		return new CidrRange(bytes, prefix);
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	/**
	 * The address of an IP literal, or null when the text is not one. Never asks DNS:
	 * only hexadecimal digits, dots and colons get as far as
	 * {@link InetAddress#getByName}.
	 */
	static InetAddress literal(String text) {
		String value = text.trim();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		if (value.isEmpty() || value.length() > 45 || value.indexOf(':') < 0 && value.indexOf('.') < 0) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'
					|| c == ':';
			if (!allowed) {
				return null;
			}
		}
		if (value.indexOf(':') < 0 && !isDottedQuad(value)) {
			return null;
		}
		try {
			return InetAddress.getByName(value);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static boolean isDottedQuad(String value) {
		String[] parts = value.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

}
