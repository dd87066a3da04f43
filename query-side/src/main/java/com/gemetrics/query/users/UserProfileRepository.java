package com.gemetrics.query.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserView;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code read.user_profile}: idempotent upserts, safe to replay. */
@Repository
class UserProfileRepository {

	private final JdbcTemplate jdbc;

	UserProfileRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void registered(UUID userId, String email, String displayName, Instant registeredAt) {
		this.jdbc.update("""
				INSERT INTO read.user_profile (user_id, email, display_name, roles, registered_at)
				VALUES (?, ?, ?, '{}', ?)
				ON CONFLICT (user_id) DO UPDATE
				SET email = EXCLUDED.email, display_name = EXCLUDED.display_name, registered_at = EXCLUDED.registered_at
				""", userId, email, displayName, Timestamp.from(registeredAt));
	}

	void emailVerified(UUID userId) {
		// the base role comes with the verified address, as on the command side (ADR 13)
		this.jdbc.update("""
				UPDATE read.user_profile
				SET email_verified = TRUE,
				    roles = ARRAY(SELECT DISTINCT r FROM unnest(array_append(roles, 'USER')) AS r ORDER BY r)
				WHERE user_id = ?
				""", userId);
	}

	void roleGranted(UUID userId, Role role) {
		this.jdbc.update("""
				UPDATE read.user_profile
				SET roles = ARRAY(SELECT DISTINCT r FROM unnest(array_append(roles, ?)) AS r ORDER BY r)
				WHERE user_id = ?
				""", role.name(), userId);
	}

	void roleRevoked(UUID userId, Role role) {
		this.jdbc.update("UPDATE read.user_profile SET roles = array_remove(roles, ?) WHERE user_id = ?", role.name(),
				userId);
	}

	/** An erased user leaves the read model altogether. */
	void erased(UUID userId) {
		this.jdbc.update("DELETE FROM read.user_profile WHERE user_id = ?", userId);
	}

	void deleteAll() {
		this.jdbc.update("DELETE FROM read.user_profile");
	}

	Optional<UserView> find(UUID userId) {
		return this.jdbc.query("""
				SELECT user_id, email, display_name, roles, email_verified, registered_at
				FROM read.user_profile WHERE user_id = ?
				""", this::map, userId).stream().findFirst();
	}

	private UserView map(ResultSet rs, int row) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Object name : (Object[]) rs.getArray("roles").getArray()) {
			roles.add(Role.valueOf((String) name));
		}
		return new UserView(rs.getObject("user_id", UUID.class).toString(), rs.getString("email"),
				rs.getString("display_name"), roles, rs.getBoolean("email_verified"),
				rs.getTimestamp("registered_at").toInstant());
	}

}
