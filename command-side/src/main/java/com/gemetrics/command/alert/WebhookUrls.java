package com.gemetrics.command.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks a user-given webhook URL: absolute {@code https}, a host and no user info or
 * fragment, not too long, and a host whose every address the {@link WebhookAddressPolicy}
 * allows. Details never echo the URL (it may carry a secret).
 */
class WebhookUrls {

	private final WebhookAddressPolicy policy;

	private final int maxLength;

	WebhookUrls(WebhookAddressPolicy policy, int maxLength) {
		this.policy = policy;
		this.maxLength = maxLength;
	}

	/**
	 * The URL, parsed, if it may be used; otherwise throws {@link WebhookUrlRejected}.
	 */
	URI check(String raw) {
		URI uri = parse(raw);
		try {
			this.policy.resolveAllowed(host(uri));
		}
		catch (WebhookAddressPolicy.AddressRejectedException ex) {
			throw new WebhookUrlRejected("The webhook host must resolve only to public addresses.");
		}
		catch (UnknownHostException ex) {
			throw new WebhookUrlRejected("The webhook host does not resolve.");
		}
		return uri;
	}

	/** The URL's shape, without resolving: https, a host, no user info or fragment. */
	URI parse(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > this.maxLength) {
			throw new WebhookUrlRejected("The webhook URL is missing or too long.");
		}
		URI uri;
		try {
			uri = new URI(raw.strip());
		}
		catch (URISyntaxException ex) {
			throw new WebhookUrlRejected("The webhook URL is malformed.");
		}
		if (!uri.isAbsolute() || uri.isOpaque() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
			throw new WebhookUrlRejected("The webhook URL must use https.");
		}
		if (uri.getRawUserInfo() != null || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
			throw new WebhookUrlRejected("The webhook URL must not carry user info.");
		}
		if (uri.getHost() == null || uri.getRawFragment() != null) {
			throw new WebhookUrlRejected("The webhook URL needs a host and no fragment.");
		}
		return uri;
	}

	/** The host as the resolver takes it (IPv6 literals without brackets). */
	static String host(URI uri) {
		String host = uri.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			return host.substring(1, host.length() - 1);
		}
		return host;
	}

}
