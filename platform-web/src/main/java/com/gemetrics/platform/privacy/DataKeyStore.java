package com.gemetrics.platform.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import com.gemetrics.api.user.UserId;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code privacy.user_data_keys}: one data key per user, stored wrapped. Both apps read
 * it; only the command side's database role may create and destroy keys (V120). Nothing
 * is cached: a key destroyed by one instance is gone for every instance at once.
 */
public class DataKeyStore {

	private final JdbcTemplate jdbc;

	private final PersonalDataCipher cipher;

	public DataKeyStore(JdbcTemplate jdbc, PersonalDataCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/**
	 * The user's data key, or empty when it was destroyed (or never created: every user
	 * registered since revision 2 has one from the first event on, so a missing key reads
	 * as gone too).
	 */
	public Optional<SecretKey> find(UserId userId) {
		List<byte[]> rows = this.jdbc.query("SELECT wrapped_key FROM privacy.user_data_keys WHERE user_id = ?",
				(rs, row) -> rs.getBytes(1), userId.value());
		if (rows.isEmpty() || rows.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(this.cipher.unwrap(userId, rows.get(0)));
	}

	/**
	 * Creates the user's data key unless they have one (or had one, since destroyed).
	 * Concurrent callers agree on one key.
	 * @return the key to encrypt with, or empty when it was destroyed
	 */
	public Optional<SecretKey> createIfMissing(UserId userId, Instant at) {
		SecretKey fresh = this.cipher.newDataKey();
		this.jdbc.update(
				"INSERT INTO privacy.user_data_keys (user_id, wrapped_key, created_at) VALUES (?, ?, ?) "
						+ "ON CONFLICT (user_id) DO NOTHING",
				userId.value(), this.cipher.wrap(userId, fresh), Timestamp.from(at));
		return find(userId);
	}

	/**
	 * Destroys the user's data key for good: every value encrypted under it is unreadable
	 * from now on. Recorded as destroyed even if the user never had a key.
	 */
	public void destroy(UserId userId, Instant at) {
		this.jdbc.update("INSERT INTO privacy.user_data_keys (user_id, wrapped_key, created_at, destroyed_at) "
				+ "VALUES (?, NULL, ?, ?) ON CONFLICT (user_id) DO UPDATE "
				+ "SET wrapped_key = NULL, destroyed_at = COALESCE(privacy.user_data_keys.destroyed_at, EXCLUDED.destroyed_at)",
				userId.value(), Timestamp.from(at), Timestamp.from(at));
	}

}
