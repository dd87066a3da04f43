package com.gemetrics.platform.privacy;

import java.util.Optional;

import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;

/**
 * Reads personal data out of events (ADR 22): the one place that turns an
 * {@link EncryptedValue} back into clear text, with the user's data key from
 * {@code privacy.user_data_keys}. After the user's erasure the key is gone and the answer
 * is {@link #ERASED}, whoever asks and however often the events are replayed.
 */
public class PersonalData {

	/** What an erased (or withheld) value reads as. */
	public static final String ERASED = "erased";

	private final DataKeyStore keys;

	private final PersonalDataCipher cipher;

	public PersonalData(DataKeyStore keys, PersonalDataCipher cipher) {
		this.keys = keys;
		this.cipher = cipher;
	}

	/**
	 * The clear value, or {@link #ERASED} when it can no longer be read. For display (the
	 * auditors' event API), where a marker in its place is the answer.
	 */
	public String reveal(UserId userId, EncryptedValue value) {
		return open(userId, value).orElse(ERASED);
	}

	/**
	 * The clear value, or empty when it can no longer be read: the user's key was
	 * destroyed, or the value was withheld (a revision-1 event upcast before the stored
	 * events were migrated). For code that must tell the two apart from a user who is
	 * called "erased".
	 * @throws IllegalArgumentException when the key exists but the value does not decrypt
	 * under it (tampered, or another user's): a fault, never read as erased
	 */
	public Optional<String> open(UserId userId, EncryptedValue value) {
		if (value == null || value.isWithheld()) {
			return Optional.empty();
		}
		return this.keys.find(userId).map((key) -> this.cipher.decrypt(userId, key, value));
	}

}
