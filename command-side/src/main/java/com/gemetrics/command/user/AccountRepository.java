package com.gemetrics.command.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code auth.account}: the command side's own lookup of users by id and by e-mail key.
 */
@Repository
class AccountRepository {

	private static final String SELECT = "SELECT user_id, email, email_key, email_verified, roles, released_at, erased_at FROM auth.account ";

	private final JdbcTemplate jdbc;

	AccountRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Account> findByEmailKey(String emailKey) {
		return first(this.jdbc.query(SELECT + "WHERE email_key = ?", AccountRepository::map, emailKey));
	}

	Optional<Account> findById(UserId userId) {
		return first(this.jdbc.query(SELECT + "WHERE user_id = ?", AccountRepository::map, userId.value()));
	}

	/**
	 * The account holding the address, locked until the transaction ends, so
	 * registrations of one address replace it one at a time.
	 */
	Optional<Account> lockByEmailKey(String emailKey) {
		return first(this.jdbc.query(SELECT + "WHERE email_key = ? FOR UPDATE", AccountRepository::map, emailKey));
	}

	/**
	 * The account, locked until the transaction ends. Whatever changes an account's claim
	 * on its address (verification, supersession, expiry) takes this lock before it
	 * appends an event, so they happen one after the other instead of deadlocking on the
	 * event sequence and the row.
	 */
	Optional<Account> lockById(UserId userId) {
		return first(this.jdbc.query(SELECT + "WHERE user_id = ? FOR UPDATE", AccountRepository::map, userId.value()));
	}

	/**
	 * Unverified accounts registered before the given instant that still hold their
	 * address, oldest first.
	 */
	List<UserId> findUnverifiedRegisteredBefore(Instant before, int limit) {
		return this.jdbc
			.queryForList(
					"SELECT user_id FROM auth.account WHERE NOT email_verified AND email_key IS NOT NULL "
							+ "AND registered_at < ? ORDER BY registered_at LIMIT ?",
					UUID.class, Timestamp.from(before), limit)
			.stream()
			.map(UserId::new)
			.toList();
	}

	/** Fails with a duplicate-key error when another account holds the key. */
	void insert(UserId userId, String email, String displayName, Instant registeredAt) {
		this.jdbc.update(
				"INSERT INTO auth.account (user_id, email, email_key, display_name, email_verified, roles, registered_at) "
						+ "VALUES (?, ?, ?, ?, FALSE, '{}', ?)",
				userId.value(), email, EmailAddresses.key(email), displayName, Timestamp.from(registeredAt));
	}

	/** The address is verified: the account gets the base role. */
	void markVerified(UserId userId, Instant verifiedAt) {
		this.jdbc.update("UPDATE auth.account SET email_verified = TRUE, verified_at = ?, "
				+ "roles = CASE WHEN 'USER' = ANY (roles) THEN roles ELSE array_append(roles, 'USER') END "
				+ "WHERE user_id = ?", Timestamp.from(verifiedAt), userId.value());
	}

	/**
	 * The unverified account gives up its address (superseded or expired) and holds no
	 * role.
	 */
	void release(UserId userId, Instant releasedAt) {
		this.jdbc.update("UPDATE auth.account SET email_key = NULL, roles = '{}', released_at = ? WHERE user_id = ?",
				Timestamp.from(releasedAt), userId.value());
	}

	/**
	 * Scrubs an erased account: address, key and display name go (so the address can be
	 * registered again), no role is left, and the row stays released, so that the user id
	 * still reads as a known, closed account.
	 */
	void erase(UserId userId, Instant erasedAt) {
		this.jdbc.update(
				"UPDATE auth.account SET email = NULL, email_key = NULL, display_name = NULL, roles = '{}', "
						+ "released_at = COALESCE(released_at, ?), erased_at = ? WHERE user_id = ?",
				Timestamp.from(erasedAt), Timestamp.from(erasedAt), userId.value());
	}

	void addRole(UserId userId, Role role) {
		this.jdbc.update("UPDATE auth.account SET roles = array_append(roles, ?) "
				+ "WHERE user_id = ? AND NOT (? = ANY (roles))", role.name(), userId.value(), role.name());
	}

	void removeRole(UserId userId, Role role) {
		this.jdbc.update("UPDATE auth.account SET roles = array_remove(roles, ?) WHERE user_id = ?", role.name(),
				userId.value());
	}

	private static Optional<Account> first(List<Account> accounts) {
		return accounts.stream().findFirst();
	}

	private static Account map(ResultSet rs, int row) throws SQLException {
		return new Account(new UserId(rs.getObject("user_id", UUID.class)), rs.getString("email"),
				rs.getString("email_key"), rs.getBoolean("email_verified"), roles(rs.getArray("roles")),
				rs.getTimestamp("released_at") != null, rs.getTimestamp("erased_at") != null);
	}

	private static Set<Role> roles(Array array) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Object role : (Object[]) array.getArray()) {
			roles.add(Role.valueOf((String) role));
		}
		return roles;
	}

}
