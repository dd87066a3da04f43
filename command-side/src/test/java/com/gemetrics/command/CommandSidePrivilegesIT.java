package com.gemetrics.command;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command side connects as a member of {@code ge_command_app} (ADR 0017): it reads
 * and writes its tables, but owns none, so it cannot change the schema; every other
 * command-side IT shows the role suffices for the app's work.
 */
@SpringBootTest(properties = "ge.poller.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class CommandSidePrivilegesIT {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void connectsAsItsOwnLoginWithoutSchemaChanges() {
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class))
			.isEqualTo(RealInfrastructure.COMMAND_LOGIN);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM auth.credential", Long.class)).isZero();
		assertThatThrownBy(() -> this.jdbc.execute("DROP TABLE auth.credential"))
			.hasStackTraceContaining("must be owner of table credential");
		assertThatThrownBy(() -> this.jdbc.execute("CREATE TABLE auth.planted (id INT)"))
			.hasStackTraceContaining("permission denied for schema auth");
		assertThatThrownBy(() -> this.jdbc.execute("ALTER TABLE domain_event_entry ADD COLUMN planted INT"))
			.hasStackTraceContaining("must be owner of table domain_event_entry");
	}

}
