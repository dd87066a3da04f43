package com.gemetrics.command;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class CommandSideApplicationIT {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void migratesEveryTableFromFlyway() {
		assertThat(this.jdbc.queryForList(
				"SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public','market','read')",
				String.class))
			.contains("public.domain_event_entry", "public.token_entry", "public.shedlock", "market.latest_price",
					"read.item_summary", "read.item_price_history");
	}

}
