package com.gemetrics.command.security;

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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code auth.session} and {@code auth.refresh_token}. Refresh tokens only as SHA-256
 * hashes.
 */
@Repository
class SessionRepository {

	private final JdbcTemplate jdbc;

	SessionRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A refresh token with its session, as locked for a refresh or logout. */
	record RefreshTokenRow(UUID sessionId, UUID userId, Set<Role> roles, Instant sessionStartedAt, Instant expiresAt,
			Instant usedAt, Instant revokedAt, Instant sessionRevokedAt) {
	}

	void insertSession(UUID sessionId, UUID userId, Set<Role> roles, Instant startedAt, Instant expiresAt) {
		this.jdbc.update("""
				INSERT INTO auth.session (session_id, user_id, roles, started_at, expires_at)
				VALUES (?, ?, ?::text[], ?, ?)
				""", sessionId, userId, rolesLiteral(roles), Timestamp.from(startedAt), Timestamp.from(expiresAt));
	}

	void insertRefreshToken(byte[] hash, UUID sessionId, UUID userId, Instant issuedAt, Instant expiresAt) {
		this.jdbc.update("""
				INSERT INTO auth.refresh_token (token_hash, session_id, user_id, issued_at, expires_at)
				VALUES (?, ?, ?, ?, ?)
				""", hash, sessionId, userId, Timestamp.from(issuedAt), Timestamp.from(expiresAt));
	}

	/** The token and its session, both rows locked until the transaction ends. */
	Optional<RefreshTokenRow> lockRefreshToken(byte[] hash) {
		return this.jdbc.query("""
				SELECT s.session_id, s.user_id, s.roles, s.started_at, t.expires_at, t.used_at, t.revoked_at,
				       s.revoked_at AS session_revoked_at
				FROM auth.refresh_token t JOIN auth.session s ON s.session_id = t.session_id
				WHERE t.token_hash = ?
				FOR UPDATE
				""", this::map, hash).stream().findFirst();
	}

	void markUsed(byte[] hash, Instant usedAt) {
		this.jdbc.update("UPDATE auth.refresh_token SET used_at = ? WHERE token_hash = ?", Timestamp.from(usedAt),
				hash);
	}

	/**
	 * Revokes the session and its unused refresh tokens; false when it was already
	 * revoked.
	 */
	boolean revokeSession(UUID sessionId, Instant at, String reason) {
		int sessions = this.jdbc.update("""
				UPDATE auth.session SET revoked_at = ?, revoked_reason = ?
				WHERE session_id = ? AND revoked_at IS NULL
				""", Timestamp.from(at), reason, sessionId);
		this.jdbc.update("""
				UPDATE auth.refresh_token SET revoked_at = ?
				WHERE session_id = ? AND revoked_at IS NULL AND used_at IS NULL
				""", Timestamp.from(at), sessionId);
		return sessions > 0;
	}

	/** Revokes every live session of the user; answers their ids. */
	List<UUID> revokeSessionsOf(UUID userId, Instant at, String reason) {
		List<UUID> revoked = this.jdbc.queryForList("""
				UPDATE auth.session SET revoked_at = ?, revoked_reason = ?
				WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
				RETURNING session_id
				""", UUID.class, Timestamp.from(at), reason, userId, Timestamp.from(at));
		this.jdbc.update("""
				UPDATE auth.refresh_token SET revoked_at = ?
				WHERE user_id = ? AND revoked_at IS NULL AND used_at IS NULL
				""", Timestamp.from(at), userId);
		return revoked;
	}

	/**
	 * Revokes the user's live sessions except {@code keep}, with their refresh tokens.
	 * @return the sessions revoked
	 */
	List<UUID> revokeSessionsOfExcept(UUID userId, UUID keep, Instant at, String reason) {
		List<UUID> revoked = this.jdbc.queryForList("""
				UPDATE auth.session SET revoked_at = ?, revoked_reason = ?
				WHERE user_id = ? AND session_id <> ? AND revoked_at IS NULL AND expires_at > ?
				RETURNING session_id
				""", UUID.class, Timestamp.from(at), reason, userId, keep, Timestamp.from(at));
		this.jdbc.update("""
				UPDATE auth.refresh_token SET revoked_at = ?
				WHERE user_id = ? AND session_id <> ? AND revoked_at IS NULL AND used_at IS NULL
				""", Timestamp.from(at), userId, keep);
		return revoked;
	}

	/** Live sessions of the user carry the role from their next refresh on. */
	void addRole(UUID userId, Role role) {
		this.jdbc.update("""
				UPDATE auth.session SET roles = array_append(roles, ?)
				WHERE user_id = ? AND revoked_at IS NULL AND NOT (? = ANY (roles))
				""", role.name(), userId, role.name());
	}

	void removeRole(UUID userId, Role role) {
		this.jdbc.update(
				"UPDATE auth.session SET roles = array_remove(roles, ?) WHERE user_id = ? AND revoked_at IS NULL",
				role.name(), userId);
	}

	/** Housekeeping: sessions (and their tokens) that ended before {@code cutoff}. */
	int deleteEndedBefore(Instant cutoff) {
		return this.jdbc.update("DELETE FROM auth.session WHERE expires_at < ? OR revoked_at < ?",
				Timestamp.from(cutoff), Timestamp.from(cutoff));
	}

	private RefreshTokenRow map(ResultSet rs, int row) throws SQLException {
		return new RefreshTokenRow(rs.getObject("session_id", UUID.class), rs.getObject("user_id", UUID.class),
				roles(rs.getArray("roles")), rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("used_at")),
				instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("session_revoked_at")));
	}

	private static Set<Role> roles(Array array) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Object name : (Object[]) array.getArray()) {
			roles.add(Role.valueOf((String) name));
		}
		return roles;
	}

	private static String rolesLiteral(Set<Role> roles) {
		return "{" + String.join(",", roles.stream().map(Role::name).sorted().toList()) + "}";
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
