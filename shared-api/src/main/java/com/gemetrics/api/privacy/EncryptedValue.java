package com.gemetrics.api.privacy;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A piece of personal data (an e-mail address, a display name) as it is kept in an event:
 * encrypted under its user's own data key, which lives outside the event store (table
 * {@code privacy.user_data_keys}). Destroying that key makes every such value of the user
 * unreadable for good (crypto-shredding, ADR 22); the event itself never changes.
 * <p>
 * {@code ciphertext} is base64 of a 12-byte IV, then the AES-256-GCM ciphertext and its
 * 16-byte tag, with the user id as associated data (a value cannot be moved to another
 * user). The empty string is a value withheld by design: a revision-1 event upcast
 * without the stored-event migration having encrypted it (docs/runbook.md).
 *
 * @param ciphertext base64, or empty when withheld
 */
public record EncryptedValue(String ciphertext) {

	private static final EncryptedValue WITHHELD = new EncryptedValue("");

	public EncryptedValue {
		ciphertext = (ciphertext == null) ? "" : ciphertext;
	}

	/** A value whose clear text is not carried in the event at all. */
	public static EncryptedValue withheld() {
		return WITHHELD;
	}

	/** Whether this value holds no ciphertext. */
	@JsonIgnore
	public boolean isWithheld() {
		return this.ciphertext.isEmpty();
	}

	/** Never the ciphertext, so logs and exception messages stay short and clean. */
	@Override
	public String toString() {
		return isWithheld() ? "EncryptedValue[withheld]" : "EncryptedValue[" + this.ciphertext.length() + " chars]";
	}

}
