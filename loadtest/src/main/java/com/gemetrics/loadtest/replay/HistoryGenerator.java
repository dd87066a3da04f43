package com.gemetrics.loadtest.replay;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.WatchlistId;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a generated event history straight into {@code domain_event_entry} with
 * {@code COPY}: the real event records of {@code shared-api}, serialized by Axon's
 * {@link JacksonSerializer} over a Jackson mapper configured as the apps' (ISO-8601
 * instants), so the query side's projections read them as they read the command side's.
 * <p>
 * The history is one poll a minute (one {@link LatestPricesObservedEvent} of a few
 * changed items; a {@code /5m} window every 5 minutes, a {@code /1h} window every hour),
 * with the users' activity in between: registrations and verifications, flips opened,
 * sold (in parts), corrected, written off and deleted, items watched and unwatched,
 * alerts triggered and delivered. Price events are about 70 % of the events, as in
 * production where one poll a minute outnumbers what users do. The payloads are small (a
 * few items per poll where production carries hundreds): the count of events, not their
 * size, is what the benchmark measures. Seeded, so two runs write the same history.
 */
final class HistoryGenerator {

	static final Instant START = Instant.parse("2024-11-01T00:00:00Z");

	static final int CATALOG_SIZE = 4_000;

	static final int FIRST_ITEM_ID = 2;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int COPY_CHUNK = 20_000;

	/** User actions per minute of history, one or two events each. */
	private static final double ACTIONS_PER_MINUTE = 0.45;

	private final SplittableRandom random;

	private final JacksonSerializer serializer;

	private final byte[] metaData;

	private final Map<String, Integer> counts = new HashMap<>();

	private final List<User> users = new ArrayList<>();

	private final List<Flip> openFlips = new ArrayList<>();

	private final long[] highs = new long[CATALOG_SIZE];

	private final StringBuilder chunk = new StringBuilder(COPY_CHUNK * 400);

	private int inChunk;

	private long written;

	private Instant now = START;

	HistoryGenerator(long seed) {
		this.random = new SplittableRandom(seed);
		ObjectMapper mapper = JsonMapper.builder()
			.addModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.build();
		this.serializer = JacksonSerializer.builder().objectMapper(mapper).build();
		this.metaData = this.serializer
			.serialize(MetaData.with("traceId", UUID.randomUUID().toString())
				.and("correlationId", UUID.randomUUID().toString()), byte[].class)
			.getData();
		for (int i = 0; i < CATALOG_SIZE; i++) {
			this.highs[i] = 100 + this.random.nextLong(2_000_000);
		}
	}

	/** Writes at least {@code events} events; answers how many per payload type. */
	Map<String, Integer> generate(Connection connection, long events) throws SQLException, IOException {
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		catalog(copy);
		for (int i = 0; i < 200; i++) {
			register(copy);
		}
		double budget = 0;
		long minute = 0;
		while (this.written < events) {
			this.now = START.plus(Duration.ofMinutes(minute)).plusSeconds(this.random.nextInt(20));
			latestPrices(copy);
			if (minute % 5 == 0) {
				window(copy, Timestep.FIVE_MINUTES, minute, 5);
			}
			if (minute % 60 == 0) {
				window(copy, Timestep.ONE_HOUR, minute, 20);
			}
			budget += ACTIONS_PER_MINUTE;
			while (budget >= 1) {
				budget -= 1;
				this.now = this.now.plusSeconds(1);
				action(copy);
			}
			minute++;
		}
		flush(copy);
		return this.counts;
	}

	private void catalog(CopyManager copy) throws SQLException, IOException {
		List<CatalogItem> items = new ArrayList<>(CATALOG_SIZE);
		for (int i = 0; i < CATALOG_SIZE; i++) {
			int id = FIRST_ITEM_ID + i;
			items.add(new CatalogItem(id, "Item " + id, "A generated item.", (id % 2) == 0, 100 + (id % 10_000),
					(int) (this.highs[i] / 3), (int) (this.highs[i] / 2), (int) this.highs[i], "Item_" + id + ".png"));
		}
		event(copy, null, null, 0, new ItemCatalogSyncedEvent(this.now, items));
	}

	private void latestPrices(CopyManager copy) throws SQLException, IOException {
		int n = 2 + this.random.nextInt(7);
		List<PriceQuote> quotes = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			int index = this.random.nextInt(CATALOG_SIZE);
			long high = Math.max(5,
					this.highs[index] + this.random.nextLong(-this.highs[index] / 50 - 1, this.highs[index] / 50 + 2));
			this.highs[index] = high;
			long low = Math.max(1, high - 1 - this.random.nextLong(Math.max(1, high / 20)));
			quotes.add(new PriceQuote(FIRST_ITEM_ID + index, high, this.now.minusSeconds(this.random.nextInt(60)), low,
					this.now.minusSeconds(this.random.nextInt(60))));
		}
		event(copy, null, null, 0, new LatestPricesObservedEvent(this.now, quotes));
	}

	private void window(CopyManager copy, Timestep timestep, long minute, int n) throws SQLException, IOException {
		Instant bucket = START.plus(Duration.ofMinutes(minute)).minus(timestep.length());
		List<WindowAverage> items = new ArrayList<>(n);
		int first = this.random.nextInt(CATALOG_SIZE - n);
		for (int i = 0; i < n; i++) {
			int index = first + i;
			items.add(new WindowAverage(FIRST_ITEM_ID + index, this.highs[index], 1 + this.random.nextInt(5_000),
					Math.max(1, this.highs[index] - 2), 1 + this.random.nextInt(5_000)));
		}
		event(copy, null, null, 0, new VolumeWindowObservedEvent(timestep, bucket, items));
	}

	private void action(CopyManager copy) throws SQLException, IOException {
		int roll = this.random.nextInt(100);
		if (roll < 3) {
			register(copy);
		}
		else if (roll < 38 || this.openFlips.isEmpty()) {
			openFlip(copy);
		}
		else if (roll < 73) {
			sell(copy);
		}
		else if (roll < 75) {
			correctBuy(copy);
		}
		else if (roll < 77) {
			correctSale(copy);
		}
		else if (roll < 79) {
			writeOff(copy);
		}
		else if (roll < 80) {
			delete(copy);
		}
		else if (roll < 90) {
			watch(copy);
		}
		else if (roll < 92) {
			unwatch(copy);
		}
		else {
			alert(copy);
		}
	}

	private void register(CopyManager copy) throws SQLException, IOException {
		User user = new User(new UserId(uuid()));
		this.users.add(user);
		String id = user.id.toString();
		event(copy, "User", id, 0,
				new UserRegisteredEvent(user.id, EncryptedValue.withheld(), EncryptedValue.withheld(), this.now));
		event(copy, "User", id, 1, new EmailVerifiedEvent(user.id, this.now.plusSeconds(30)));
	}

	private void openFlip(CopyManager copy) throws SQLException, IOException {
		User user = user();
		int index = this.random.nextInt(CATALOG_SIZE);
		Flip flip = new Flip(new FlipId(uuid()), user.id, FIRST_ITEM_ID + index, 1 + this.random.nextInt(1_000),
				Math.max(1, this.highs[index] - 1), this.now.minusSeconds(60));
		this.openFlips.add(flip);
		event(copy, "Flip", flip.id.toString(), flip.next(), new FlipOpenedEvent(flip.id, flip.user,
				(this.random.nextInt(4) == 0) ? "alt" : "main", flip.itemId, flip.quantity, flip.price, flip.boughtAt));
	}

	private void sell(CopyManager copy) throws SQLException, IOException {
		int at = this.random.nextInt(this.openFlips.size());
		Flip flip = this.openFlips.get(at);
		long quantity = 1 + this.random.nextLong(flip.remaining());
		String saleId = "sale-" + (flip.sales.size() + 1);
		flip.sales.put(saleId, quantity);
		flip.sold += quantity;
		event(copy, "Flip", flip.id.toString(), flip.next(), new FlipSaleRecordedEvent(flip.id, flip.user, saleId,
				quantity, flip.price + 1 + this.random.nextInt(1_000), this.now));
		if (flip.remaining() == 0) {
			this.openFlips.remove(at);
		}
	}

	private void correctBuy(CopyManager copy) throws SQLException, IOException {
		Flip flip = this.openFlips.get(this.random.nextInt(this.openFlips.size()));
		flip.price = Math.max(1, flip.price - 1 - this.random.nextInt(10));
		event(copy, "Flip", flip.id.toString(), flip.next(),
				new FlipBuyCorrectedEvent(flip.id, flip.user, flip.quantity, flip.price, flip.boughtAt, this.now));
	}

	private void correctSale(CopyManager copy) throws SQLException, IOException {
		Flip flip = this.openFlips.get(this.random.nextInt(this.openFlips.size()));
		if (flip.sales.isEmpty()) {
			sell(copy);
			return;
		}
		Map.Entry<String, Long> sale = flip.sales.entrySet().iterator().next();
		event(copy, "Flip", flip.id.toString(), flip.next(),
				new FlipSaleCorrectedEvent(flip.id, flip.user, sale.getKey(), sale.getValue(),
						flip.price + 2 + this.random.nextInt(500), this.now.minusSeconds(5), this.now));
	}

	private void writeOff(CopyManager copy) throws SQLException, IOException {
		Flip flip = this.openFlips.remove(this.random.nextInt(this.openFlips.size()));
		event(copy, "Flip", flip.id.toString(), flip.next(),
				new FlipWrittenOffEvent(flip.id, flip.user, flip.remaining(), this.now));
	}

	private void delete(CopyManager copy) throws SQLException, IOException {
		Flip flip = this.openFlips.remove(this.random.nextInt(this.openFlips.size()));
		event(copy, "Flip", flip.id.toString(), flip.next(), new FlipDeletedEvent(flip.id, flip.user, this.now));
	}

	private void watch(CopyManager copy) throws SQLException, IOException {
		User user = user();
		int itemId = FIRST_ITEM_ID + this.random.nextInt(CATALOG_SIZE);
		if (user.watched.containsKey(itemId) || user.watched.size() >= 10) {
			alert(copy);
			return;
		}
		String ruleId = uuid().toString();
		user.watched.put(itemId, ruleId);
		WatchlistId watchlist = new WatchlistId(user.id);
		event(copy, "Watchlist", watchlist.toString(), user.nextWatchlist(),
				new ItemWatchedEvent(watchlist, user.id, itemId, List.of(new AlertRule(ruleId,
						AlertType.PRICE_AT_OR_ABOVE, this.highs[itemId - FIRST_ITEM_ID] + 1, true)), this.now));
	}

	private void unwatch(CopyManager copy) throws SQLException, IOException {
		User user = user();
		if (user.watched.isEmpty()) {
			watch(copy);
			return;
		}
		int itemId = user.watched.keySet().iterator().next();
		user.watched.remove(itemId);
		WatchlistId watchlist = new WatchlistId(user.id);
		event(copy, "Watchlist", watchlist.toString(), user.nextWatchlist(),
				new ItemUnwatchedEvent(watchlist, user.id, itemId, this.now));
	}

	private void alert(CopyManager copy) throws SQLException, IOException {
		User user = user();
		if (user.watched.isEmpty()) {
			openFlip(copy);
			return;
		}
		Map.Entry<Integer, String> watched = user.watched.entrySet().iterator().next();
		WatchlistId watchlist = new WatchlistId(user.id);
		String alertId = uuid().toString();
		long high = this.highs[watched.getKey() - FIRST_ITEM_ID];
		event(copy, "Watchlist", watchlist.toString(), user.nextWatchlist(),
				new AlertTriggeredEvent(watchlist, user.id, alertId, watched.getValue(), watched.getKey(),
						AlertType.PRICE_AT_OR_ABOVE, high - 1, high, this.now, this.now));
		event(copy, "Watchlist", watchlist.toString(), user.nextWatchlist(), new AlertDeliveredEvent(watchlist, user.id,
				alertId, DeliveryChannel.EMAIL, 1, this.now.plusSeconds(2)));
	}

	private User user() {
		return this.users.get(this.random.nextInt(this.users.size()));
	}

	private UUID uuid() {
		return new UUID((this.random.nextLong() & ~0xF000L) | 0x4000L,
				(this.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
	}

	/**
	 * One row: a domain event when {@code aggregateType} is set, else as Axon stores a
	 * plain event.
	 */
	private void event(CopyManager copy, String aggregateType, String aggregateId, long sequence, Object payload)
			throws SQLException, IOException {
		String eventId = uuid().toString();
		SerializedObject<byte[]> serialized = this.serializer.serialize(payload, byte[].class);
		this.chunk.append((aggregateId != null) ? aggregateId : eventId)
			.append(',')
			.append(sequence)
			.append(',')
			.append((aggregateType != null) ? aggregateType : "")
			.append(',')
			.append(eventId)
			.append(",\\x")
			.append(HexFormat.of().formatHex(this.metaData))
			.append(",\\x")
			.append(HexFormat.of().formatHex(serialized.getData()))
			.append(',')
			.append((serialized.getType().getRevision() != null) ? serialized.getType().getRevision() : "")
			.append(',')
			.append(serialized.getType().getName())
			.append(',')
			.append(TIME.format(this.now))
			.append('\n');
		this.counts.merge(payload.getClass().getSimpleName(), 1, Integer::sum);
		this.written++;
		if (++this.inChunk >= COPY_CHUNK) {
			flush(copy);
		}
	}

	private void flush(CopyManager copy) throws SQLException, IOException {
		if (this.inChunk == 0) {
			return;
		}
		copy.copyIn("COPY domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
				+ "meta_data, payload, payload_revision, payload_type, time_stamp) FROM STDIN WITH (FORMAT csv)",
				new StringReader(this.chunk.toString()));
		this.chunk.setLength(0);
		this.inChunk = 0;
	}

	private static final class User {

		final UserId id;

		final Map<Integer, String> watched = new HashMap<>();

		long watchlistSequence = -1;

		User(UserId id) {
			this.id = id;
		}

		long nextWatchlist() {
			return ++this.watchlistSequence;
		}

	}

	private static final class Flip {

		final FlipId id;

		final UserId user;

		final int itemId;

		final long quantity;

		long price;

		final Instant boughtAt;

		long sold;

		long sequence = -1;

		final Map<String, Long> sales = new LinkedHashMap<>();

		Flip(FlipId id, UserId user, int itemId, long quantity, long price, Instant boughtAt) {
			this.id = id;
			this.user = user;
			this.itemId = itemId;
			this.quantity = quantity;
			this.price = price;
			this.boughtAt = boughtAt;
		}

		long remaining() {
			return this.quantity - this.sold;
		}

		long next() {
			return ++this.sequence;
		}

	}

}
