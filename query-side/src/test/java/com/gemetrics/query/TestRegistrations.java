package com.gemetrics.query;

import java.time.Instant;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.platform.privacy.DataKeyStore;
import com.gemetrics.platform.privacy.PersonalDataCipher;

/**
 * Registrations as the command side writes them (ADR 22): the user's data key goes into
 * {@code privacy.user_data_keys} (as the owner: the query side may only read it) and the
 * event carries the address and name encrypted under it. Erasure destroys the key.
 */
public final class TestRegistrations {

	private final DataKeyStore keys;

	private final PersonalDataCipher cipher;

	public TestRegistrations(DataSource appDataSource, PersonalDataCipher cipher) {
		this.keys = new DataKeyStore(RealInfrastructure.asOwner(appDataSource), cipher);
		this.cipher = cipher;
	}

	/** A new data key for the user, and their registration encrypted under it. */
	public UserRegisteredEvent registered(UserId user, String email, String displayName, Instant at) {
		SecretKey key = this.keys.createIfMissing(user, at).orElseThrow();
		return new UserRegisteredEvent(user, this.cipher.encrypt(user, key, email),
				this.cipher.encrypt(user, key, displayName), at);
	}

	/** What erasure does to the key: destroys it for good. */
	public void destroyKey(UserId user, Instant at) {
		this.keys.destroy(user, at);
	}

}
