package com.gemetrics.command.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.platform.privacy.DataKeyStore;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The one-time migration of stored events to crypto-shredding (ADR 22, docs/runbook.md):
 * every stored revision-1 {@link UserRegisteredEvent} (address and display name in clear)
 * is rewritten in place as revision 2, both values encrypted under the user's data key
 * (created here if the user has none). A user whose key was already destroyed gets both
 * values withheld. The same goes for copies parked in the dead-letter queue.
 * <p>
 * Idempotent and safe to run on several instances at once: it only ever picks rows still
 * at revision 1, a batch at a time ({@code FOR UPDATE SKIP LOCKED}, one transaction per
 * batch). Only the payload and its revision change: the event keeps its identifier,
 * position, sequence, time and metadata, and no processor sees it again (their tokens are
 * past it). The command side runs it at every start
 * ({@code ge.privacy.encrypt-stored-events-on-start}); once done, the partial index of
 * V120 is empty and the check is free.
 */
@Component
public class StoredEventEncryption {

	static final String TYPE = UserRegisteredEvent.class.getName();

	static final int BATCH = 100;

	private static final Logger log = LoggerFactory.getLogger(StoredEventEncryption.class);

	private static final List<String> PERSONAL_FIELDS = List.of("email", "displayName");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcTemplate jdbc;

	private final TransactionOperations transactions;

	private final DataKeyStore dataKeys;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	StoredEventEncryption(JdbcTemplate jdbc, TransactionOperations transactions, DataKeyStore dataKeys,
			PersonalDataCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.dataKeys = dataKeys;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Encrypts every stored revision-1 row, in batches.
	 * @return how many rows (events and dead letters) were rewritten
	 */
	public int run() {
		int total = 0;
		for (Table table : Table.values()) {
			Integer done;
			do {
				done = this.transactions.execute((status) -> encrypt(table, null));
				total += (done != null) ? done : 0;
			}
			while (done != null && done == BATCH);
		}
		if (total > 0) {
			log.info("Encrypted the personal data of {} stored revision-1 UserRegisteredEvents", total);
		}
		return total;
	}

	/**
	 * Encrypts the stored revision-1 rows of one user, in the caller's transaction: an
	 * erasure runs it before it destroys the key, so no clear value outlives the account.
	 * @return how many rows were rewritten
	 */
	public int encryptUser(UserId userId) {
		int total = 0;
		for (Table table : Table.values()) {
			int done;
			do {
				done = encrypt(table, userId);
				total += done;
			}
			while (done == BATCH);
		}
		return total;
	}

	private int encrypt(Table table, UserId only) {
		Instant now = this.clock.instant();
		List<Row> rows = this.jdbc.query(
				"SELECT " + table.id + ", aggregate_identifier, payload FROM " + table.name
						+ " WHERE payload_type = ? AND payload_revision = '1'"
						+ ((only != null) ? " AND aggregate_identifier = ?" : "") + " ORDER BY " + table.id
						+ " LIMIT ? FOR UPDATE SKIP LOCKED",
				(rs, row) -> new Row(rs.getObject(1), UserId.of(rs.getString(2)), rs.getBytes(3)),
				(only != null) ? new Object[] { TYPE, only.toString(), BATCH } : new Object[] { TYPE, BATCH });
		for (Row row : rows) {
			Optional<SecretKey> key = this.dataKeys.createIfMissing(row.userId(), now);
			this.jdbc.update("UPDATE " + table.name + " SET payload = ?, payload_revision = '2' WHERE " + table.id
					+ " = ? AND payload_revision = '1'", encrypted(row, key), row.id());
		}
		return rows.size();
	}

	private byte[] encrypted(Row row, Optional<SecretKey> key) {
		try {
			ObjectNode payload = (ObjectNode) JSON.readTree(row.payload());
			for (String field : PERSONAL_FIELDS) {
				JsonNode clear = payload.get(field);
				EncryptedValue value = (key.isPresent() && clear != null && clear.isTextual())
						? this.cipher.encrypt(row.userId(), key.get(), clear.textValue()) : EncryptedValue.withheld();
				payload.set(field, payload.objectNode().put("ciphertext", value.ciphertext()));
			}
			return JSON.writeValueAsBytes(payload);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Stored event " + row.id() + " is not a JSON object", ex);
		}
	}

	/**
	 * Where a stored event can be: the event store, and the dead letters parked by any
	 * processor.
	 */
	private enum Table {

		EVENTS("domain_event_entry", "global_index"), DEAD_LETTERS("dead_letter_entry", "dead_letter_id");

		private final String name;

		private final String id;

		Table(String name, String id) {
			this.name = name;
			this.id = id;
		}

	}

	private record Row(Object id, UserId userId, byte[] payload) {
	}

}
