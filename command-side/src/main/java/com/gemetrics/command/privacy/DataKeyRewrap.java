package com.gemetrics.command.privacy;

import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * After {@code GE_AUTH_KEY_SECRET} changed: re-wraps every data key that the current
 * secret cannot open but the previous one ({@code GE_AUTH_KEY_SECRET_PREVIOUS}) can, so
 * no user's personal data is lost with the old secret (docs/runbook.md). Idempotent: a
 * key the current secret opens is left alone. A key neither opens fails the run, naming
 * the user, rather than be silently lost.
 */
@Component
public class DataKeyRewrap {

	static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(DataKeyRewrap.class);

	private final JdbcTemplate jdbc;

	private final PersonalDataCipher current;

	DataKeyRewrap(JdbcTemplate jdbc, PersonalDataCipher current) {
		this.jdbc = jdbc;
		this.current = current;
	}

	/**
	 * @param previousSecret the secret the keys may still be wrapped under
	 * @return how many keys were re-wrapped
	 */
	public int rewrap(String previousSecret) {
		PersonalDataCipher previous = new PersonalDataCipher(previousSecret);
		int rewrapped = 0;
		UUID after = new UUID(0L, 0L); // the smallest in PostgreSQL's (unsigned,
										// bytewise) order
		List<Row> rows;
		do {
			rows = this.jdbc.query(
					"SELECT user_id, wrapped_key FROM privacy.user_data_keys WHERE wrapped_key IS NOT NULL "
							+ "AND user_id > ? ORDER BY user_id LIMIT ?",
					(rs, row) -> new Row(new UserId(rs.getObject(1, UUID.class)), rs.getBytes(2)), after, BATCH);
			for (Row row : rows) {
				if (!opensUnderCurrent(row)) {
					SecretKey key = previous.unwrap(row.userId(), row.wrapped());
					this.jdbc.update(
							"UPDATE privacy.user_data_keys SET wrapped_key = ? WHERE user_id = ? "
									+ "AND wrapped_key = ?",
							this.current.wrap(row.userId(), key), row.userId().value(), row.wrapped());
					rewrapped++;
				}
				after = row.userId().value();
			}
		}
		while (rows.size() == BATCH);
		log.info("Re-wrapped {} data keys under the new GE_AUTH_KEY_SECRET", rewrapped);
		return rewrapped;
	}

	private boolean opensUnderCurrent(Row row) {
		try {
			this.current.unwrap(row.userId(), row.wrapped());
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private record Row(UserId userId, byte[] wrapped) {
	}

}
