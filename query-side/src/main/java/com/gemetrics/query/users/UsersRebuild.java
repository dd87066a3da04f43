package com.gemetrics.query.users;

import java.util.List;

import com.gemetrics.platform.privacy.PersonalData;
import com.gemetrics.query.projections.RebuildableProjection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The users projection can be rebuilt online (ADR 0021): its state is
 * {@code read.user_profile}. The rebuild decrypts with the same data keys, so an erased
 * user's address does not come back (ADR 22).
 */
@Component
class UsersRebuild implements RebuildableProjection {

	private final PersonalData personalData;

	UsersRebuild(PersonalData personalData) {
		this.personalData = personalData;
	}

	@Override
	public String name() {
		return UserProfileProjection.GROUP;
	}

	@Override
	public List<String> tables() {
		return List.of("user_profile");
	}

	@Override
	public int segments() {
		return 2;
	}

	@Override
	public Object shadowHandlers(JdbcTemplate jdbc) {
		return new UserProfileProjection(new UserProfileRepository(jdbc), this.personalData);
	}

}
