package com.gemetrics.query.projections;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild's SQL goes to {@code read_next} for the projection's own names only.
 */
class ShadowSchemaJdbcTest {

	final UnaryOperator<String> rewrite = ShadowSchemaJdbc
		.rewriter(List.of("flips", "user_transactions", "ensure_user_transactions_partition"));

	@Test
	void theProjectionsTablesAndFunctionsMoveToTheShadowSchema() {
		assertThat(this.rewrite.apply("INSERT INTO read.flips (flip_id) VALUES (?) ON CONFLICT (flip_id) DO UPDATE "
				+ "SET version = greatest(read.flips.version, EXCLUDED.version)"))
			.isEqualTo("INSERT INTO read_next.flips (flip_id) VALUES (?) ON CONFLICT (flip_id) DO UPDATE "
					+ "SET version = greatest(read_next.flips.version, EXCLUDED.version)");
		assertThat(this.rewrite.apply("SELECT read.ensure_user_transactions_partition(?)"))
			.isEqualTo("SELECT read_next.ensure_user_transactions_partition(?)");
		assertThat(this.rewrite.apply("DELETE FROM read.user_transactions WHERE flip_id = ?"))
			.isEqualTo("DELETE FROM read_next.user_transactions WHERE flip_id = ?");
	}

	@Test
	void otherNamesStayInTheLiveSchema() {
		String other = "SELECT f.item_id FROM read.flips_archive f JOIN read.item_summary i USING (item_id) "
				+ "WHERE x.read.flips_y = 1 AND spread.flips = 2 AND read.user_transactions_default IS NOT NULL";
		assertThat(this.rewrite.apply(other)).isEqualTo(other);
		assertThat(this.rewrite.apply(null)).isNull();
	}

}
