package com.gemetrics.command.user;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How e-mail addresses are compared. An address is kept as entered (NFC-normalized) for
 * sending; its key, NFC-normalized and lower-cased, is what must be unique and what
 * logins look up. Local parts are case-sensitive in theory; no provider this app mails
 * treats them so, and two accounts that differ only in case would be a phishing aid.
 */
final class EmailAddresses {

	private EmailAddresses() {
	}

	/** The address as stored and mailed: NFC-normalized. */
	static String normalize(String email) {
		return Normalizer.normalize(email, Normalizer.Form.NFC);
	}

	/** The unique key: NFC-normalized, then lower-cased without locale surprises. */
	static String key(String email) {
		return normalize(email).toLowerCase(Locale.ROOT);
	}

}
