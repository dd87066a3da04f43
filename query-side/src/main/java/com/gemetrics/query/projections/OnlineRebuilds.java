package com.gemetrics.query.projections;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The online rebuilds under way, from {@code read.projection_rebuilds} (shared by every
 * query-side instance): other features ask whether one of theirs is being rebuilt (the
 * journal's offline replay is refused meanwhile).
 */
@Component
public class OnlineRebuilds {

	private final JdbcTemplate jdbc;

	OnlineRebuilds(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether an online rebuild of the projection runs. */
	public boolean running(String projection) {
		return find(projection).isPresent();
	}

	Optional<Rebuild> find(String projection) {
		return Optional.ofNullable(all().get(projection));
	}

	/** Every rebuild under way, by projection. */
	Map<String, Rebuild> all() {
		Map<String, Rebuild> rebuilds = new TreeMap<>();
		this.jdbc.query("SELECT name, state, tables, started_at, switch_node, switch_at FROM read.projection_rebuilds",
				(rs) -> {
					Array tables = rs.getArray("tables");
					Timestamp switchAt = rs.getTimestamp("switch_at");
					rebuilds.put(rs.getString("name"),
							new Rebuild(rs.getString("name"), rs.getString("state"),
									List.of((String[]) tables.getArray()), rs.getTimestamp("started_at").toInstant(),
									rs.getString("switch_node"), (switchAt != null) ? switchAt.toInstant() : null));
				});
		return rebuilds;
	}

	/**
	 * One rebuild.
	 *
	 * @param name the projection
	 * @param state {@code rebuilding}, or {@code switching} while an instance switches
	 * @param tables its tables in schema {@code read}
	 * @param startedAt when it was requested
	 * @param switchNode the instance switching, or {@code null}
	 * @param switchAt since when it is switching, or {@code null}
	 */
	record Rebuild(String name, String state, List<String> tables, Instant startedAt, @JsonIgnore String switchNode,
			@JsonIgnore Instant switchAt) {
	}

}
