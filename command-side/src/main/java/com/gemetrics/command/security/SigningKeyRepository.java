package com.gemetrics.command.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code auth.signing_key}: the signing keys, private halves encrypted. */
@Repository
class SigningKeyRepository {

	/** Advisory lock id for key creation (any constant unique in this database). */
	private static final long KEY_LOCK = 0x67654b657973L;

	private final JdbcTemplate jdbc;

	SigningKeyRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored key. */
	record StoredKey(String kid, String algorithm, byte[] publicKey, byte[] encryptedPrivateKey, Instant createdAt,
			Instant activatesAt, Instant retiresAt) {
	}

	/**
	 * Serializes key creation across instances until the surrounding transaction ends.
	 */
	void lockForRotation() {
		this.jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", KEY_LOCK);
	}

	/**
	 * Keys still published at {@code now}: not retired, or retired less than
	 * {@code retention} ago.
	 */
	List<StoredKey> findPublished(Instant now, Duration retention) {
		return this.jdbc.query("""
				SELECT kid, algorithm, public_key, private_key, created_at, activates_at, retires_at
				FROM auth.signing_key
				WHERE retires_at IS NULL OR retires_at > ?
				ORDER BY activates_at DESC
				""", this::map, Timestamp.from(now.minus(retention)));
	}

	Optional<StoredKey> findNewest() {
		return this.jdbc.query("""
				SELECT kid, algorithm, public_key, private_key, created_at, activates_at, retires_at
				FROM auth.signing_key ORDER BY activates_at DESC LIMIT 1
				""", this::map).stream().findFirst();
	}

	void insert(StoredKey key) {
		this.jdbc.update("""
				INSERT INTO auth.signing_key (kid, algorithm, public_key, private_key, created_at, activates_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""", key.kid(), key.algorithm(), key.publicKey(), key.encryptedPrivateKey(),
				Timestamp.from(key.createdAt()), Timestamp.from(key.activatesAt()));
	}

	/**
	 * Every key that activated before {@code successorActivatesAt} stops signing then.
	 */
	void retireBefore(Instant successorActivatesAt) {
		this.jdbc.update("""
				UPDATE auth.signing_key SET retires_at = ?
				WHERE retires_at IS NULL AND activates_at < ?
				""", Timestamp.from(successorActivatesAt), Timestamp.from(successorActivatesAt));
	}

	/**
	 * Removes keys retired before {@code cutoff}: no token they signed is still valid.
	 */
	int deleteRetiredBefore(Instant cutoff) {
		return this.jdbc.update("DELETE FROM auth.signing_key WHERE retires_at < ?", Timestamp.from(cutoff));
	}

	private StoredKey map(ResultSet rs, int row) throws SQLException {
		Timestamp retires = rs.getTimestamp("retires_at");
		return new StoredKey(rs.getString("kid"), rs.getString("algorithm"), rs.getBytes("public_key"),
				rs.getBytes("private_key"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("activates_at").toInstant(), (retires != null) ? retires.toInstant() : null);
	}

}
