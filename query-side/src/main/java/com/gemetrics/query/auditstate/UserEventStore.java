package com.gemetrics.query.auditstate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.api.user.UserId;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one user's events from the event store ({@code domain_event_entry}), read-only,
 * in the store's global order, and hands them on deserialized through Axon's event
 * serializer and upcaster chain, so events of an old revision arrive in today's shape, as
 * the processors see them.
 * <p>
 * Which events are the user's: their {@code Watchlist} (its id derives from the user:
 * {@code watchlist-<user id>}, found through the store's own index on the aggregate id)
 * and every {@code Flip} and {@code Subscription} event whose payload names the user
 * ({@code userId.value}): flips and subscriptions have ids of their own, so these are
 * found through the auditors' partial expression index
 * {@code domain_event_entry_user_idx} (migration V100), which covers every aggregate's
 * events. Rows are streamed through a cursor and deserialized in batches of
 * {@value #BATCH}, as Axon's storage engine reads them, so memory holds one batch,
 * whatever the user's history.
 */
@Repository
class UserEventStore {

	static final int BATCH = 500;

	static final String USER_EVENTS = """
			SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
			       payload_type, payload_revision, payload, meta_data
			FROM (
			  SELECT * FROM domain_event_entry WHERE aggregate_identifier = ?
			  UNION ALL
			  SELECT * FROM domain_event_entry
			  WHERE type IN ('Flip', 'Subscription') AND audit.event_user_id(payload_type, payload) = ?
			) e
			WHERE e.time_stamp::timestamptz <= ?
			ORDER BY e.global_index
			""";

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate readOnly;

	private final Serializer serializer;

	private final Configuration axon;

	UserEventStore(DataSource dataSource, PlatformTransactionManager transactions,
			@Qualifier("eventSerializer") Serializer serializer, Configuration axon) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(BATCH);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.serializer = serializer;
		this.axon = axon;
	}

	/**
	 * When the user's account was stored (the timestamp of the first event of their
	 * {@code User} aggregate), or empty when the event store holds no such user.
	 */
	Optional<Instant> registeredAt(UUID userId) {
		return this.jdbc
			.queryForList("SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? "
					+ "AND sequence_number = 0 AND type = 'User'", String.class, userId.toString())
			.stream()
			.findFirst()
			.map(DateTimeUtils::parseInstant);
	}

	/**
	 * Hands {@code consumer} every event of the user stored at or before {@code asOf},
	 * oldest first (by global index), upcast and deserialized.
	 */
	void forEach(UUID userId, Instant asOf, Consumer<TrackedEventMessage<?>> consumer) {
		String watchlistId = new WatchlistId(new UserId(userId)).toString();
		this.readOnly.executeWithoutResult((status) -> {
			List<TrackedEventData<?>> batch = new ArrayList<>(BATCH);
			this.streaming.query(USER_EVENTS, (RowCallbackHandler) (rs) -> {
				batch.add(entry(rs));
				if (batch.size() == BATCH) {
					deliver(batch, consumer);
				}
			}, watchlistId, userId.toString(), OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
			deliver(batch, consumer);
		});
	}

	/** The catalogue's names of these items (labels only; absent when unknown). */
	Map<Integer, String> itemNames(Set<Integer> itemIds) {
		Map<Integer, String> names = new HashMap<>();
		if (itemIds.isEmpty()) {
			return names;
		}
		this.jdbc.query("SELECT item_id, name FROM read.item_summary WHERE item_id = ANY (?)",
				(RowCallbackHandler) (rs) -> names.put(rs.getInt("item_id"), rs.getString("name")),
				(Object) itemIds.toArray(Integer[]::new));
		return names;
	}

	private void deliver(List<TrackedEventData<?>> batch, Consumer<TrackedEventMessage<?>> consumer) {
		if (batch.isEmpty()) {
			return;
		}
		EventUtils.upcastAndDeserializeTrackedEvents(batch.stream(), this.serializer, this.axon.upcasterChain())
			.forEach(consumer);
		batch.clear();
	}

	private static TrackedEventData<?> entry(ResultSet rs) throws SQLException {
		return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong("global_index")),
				new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
						rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
						rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
						rs.getBytes("meta_data")));
	}

}
