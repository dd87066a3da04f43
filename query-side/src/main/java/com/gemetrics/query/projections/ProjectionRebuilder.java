package com.gemetrics.query.projections;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.gemetrics.platform.web.ApiException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Online rebuilds of one projection (ADR 0021, section 3). A request records the rebuild
 * in {@code read.projection_rebuilds}, makes the shadow tables {@code read_next.
 *
<table>
 * } and starts the processor {@code <name>__next} from the tail of the event store; the
 * live processor and every query go on with {@code read.
 *
<table>
 * }. Every {@code ge.projections.rebuild-check-interval} this node checks each rebuild:
 * it starts {@code <name>__next} where it is not running (a rebuild found after a restart
 * resumes from its tokens), and once it is within {@code ge.projections.switch-lag}
 * events of the head, switches: stops the live processor, lets the rebuild reach the live
 * one's position, stops it too, and in one transaction swaps the tables
 * ({@code read.switch_projection_tables}, which waits at most 2 s for locks), hands the
 * rebuild's tokens and dead letters to the live processor and ends the rebuild. The live
 * processor then resumes from the rebuilt position. A switch that cannot get its locks,
 * or finds a segment claimed by another instance, is undone (both processors started
 * again) and retried at the next check.
 */
@Service
class ProjectionRebuilder {

	private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

	static final String REBUILDING = "rebuilding";

	static final String SWITCHING = "switching";

	/** This instance, in {@code read.projection_rebuilds.switch_node}. */
	private final String node = UUID.randomUUID().toString();

	/** Projections whose live processor this instance stopped for another's switch. */
	private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

	private final Map<String, RebuildableProjection> projections;

	private final EventProcessingConfiguration processing;

	private final OnlineRebuilds rebuilds;

	private final ProjectionPositions positions;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ProjectionsProperties properties;

	private final Serializer serializer;

	private final ReentrantLock checking = new ReentrantLock();

	private volatile boolean ready;

	ProjectionRebuilder(List<RebuildableProjection> projections, EventProcessingConfiguration processing,
			OnlineRebuilds rebuilds, ProjectionPositions positions, JdbcTemplate jdbc,
			PlatformTransactionManager transactionManager, Clock clock, ProjectionsProperties properties,
			Serializer serializer) {
		this.serializer = serializer;
		this.projections = projections.stream()
			.collect(Collectors.toMap(RebuildableProjection::name, Function.identity()));
		this.processing = processing;
		this.rebuilds = rebuilds;
		this.positions = positions;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Starts the online rebuild of a projection.
	 * @throws ApiException 404 {@code UNKNOWN_PROCESSOR} for no processor of this app by
	 * that name, 409 {@code NOT_REBUILDABLE} for one that cannot be rebuilt online, 409
	 * {@code REPLAY_RUNNING} while it is rebuilt or replayed already
	 */
	OnlineRebuilds.Rebuild start(String name, String requestedBy) {
		if (name.endsWith(RebuildConfig.SUFFIX) || this.processing.eventProcessor(name).isEmpty()) {
			throw ApiException.notFound("UNKNOWN_PROCESSOR", "No event processor of the query side is named " + name);
		}
		RebuildableProjection projection = this.projections.get(name);
		if (projection == null) {
			throw new ApiException(HttpStatus.CONFLICT, "NOT_REBUILDABLE", "The processor " + name
					+ " keeps state outside its tables (or is another app's) and cannot be rebuilt online.");
		}
		StreamingEventProcessor live = processor(name);
		if (live.isReplaying()) {
			throw replayRunning(name);
		}
		Instant now = this.clock.instant();
		String shadow = RebuildConfig.shadowProcessor(name);
		Boolean started = this.transactions.execute((status) -> {
			int inserted = this.jdbc.update("""
					INSERT INTO read.projection_rebuilds (name, state, tables, started_at, requested_by)
					VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING
					""", (ps) -> {
				ps.setString(1, name);
				ps.setString(2, REBUILDING);
				ps.setArray(3, ps.getConnection().createArrayOf("text", projection.tables().toArray()));
				ps.setTimestamp(4, Timestamp.from(now));
				ps.setString(5, requestedBy);
			});
			if (inserted == 0) {
				return false;
			}
			this.jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", shadow);
			this.jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", shadow);
			prepare(projection.tables(), true);
			return true;
		});
		if (!Boolean.TRUE.equals(started)) {
			throw replayRunning(name);
		}
		processor(shadow).start();
		log.info("Online rebuild of {} started into read_next ({})", name, projection.tables());
		return new OnlineRebuilds.Rebuild(name, REBUILDING, projection.tables(), now, null, null);
	}

	/**
	 * Abandons a rebuild: stops its processor on this node, drops the shadow tables, its
	 * tokens and dead letters. The live tables were never touched.
	 * @return whether there was one
	 */
	boolean abort(String name) {
		if (this.processing.eventProcessor(name).isEmpty()) {
			throw ApiException.notFound("UNKNOWN_PROCESSOR", "No event processor of the query side is named " + name);
		}
		this.checking.lock();
		try {
			Optional<OnlineRebuilds.Rebuild> rebuild = this.rebuilds.find(name);
			if (rebuild.isEmpty()) {
				return false;
			}
			String shadow = RebuildConfig.shadowProcessor(name);
			this.processing.eventProcessor(shadow, StreamingEventProcessor.class)
				.ifPresent(StreamingEventProcessor::shutDown);
			this.transactions.executeWithoutResult((status) -> {
				this.jdbc.update("DELETE FROM read.projection_rebuilds WHERE name = ?", name);
				this.jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", shadow);
				this.jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", shadow);
				this.jdbc.query("SELECT read.abandon_projection_rebuild(?)", (RowCallbackHandler) (rs) -> {
				}, (Object) rebuild.get().tables().toArray(String[]::new));
			});
			log.info("Online rebuild of {} abandoned", name);
			return true;
		}
		finally {
			this.checking.unlock();
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		this.ready = true;
		check();
	}

	/**
	 * Resumes the rebuilds this node does not run yet, and switches those that have
	 * caught up.
	 */
	@Scheduled(fixedDelayString = "${ge.projections.rebuild-check-interval:2s}",
			initialDelayString = "${ge.projections.rebuild-check-interval:2s}")
	void check() {
		if (!this.ready || !this.checking.tryLock()) {
			return;
		}
		try {
			Map<String, OnlineRebuilds.Rebuild> all = this.rebuilds.all();
			for (String name : this.projections.keySet()) {
				if (!all.containsKey(name)) {
					release(name);
					if (this.held.containsKey(name)) {
						continue;
					}
					// Switched or abandoned (possibly by another instance): nothing left
					// to fill.
					this.processing.eventProcessor(RebuildConfig.shadowProcessor(name), StreamingEventProcessor.class)
						.filter(StreamingEventProcessor::isRunning)
						.ifPresent(StreamingEventProcessor::shutDown);
				}
			}
			for (OnlineRebuilds.Rebuild rebuild : all.values()) {
				RebuildableProjection projection = this.projections.get(rebuild.name());
				if (projection == null) {
					continue;
				}
				try {
					advance(projection, rebuild);
				}
				catch (RuntimeException ex) {
					log.warn("Online rebuild of {}: check failed, retried in {}", rebuild.name(),
							this.properties.rebuildCheckInterval(), ex);
				}
			}
		}
		finally {
			this.checking.unlock();
		}
	}

	private void advance(RebuildableProjection projection, OnlineRebuilds.Rebuild rebuild) {
		String name = projection.name();
		StreamingEventProcessor shadow = processor(RebuildConfig.shadowProcessor(name));
		if (switchingElsewhere(rebuild)) {
			// Another instance switches: it needs every segment of both processors
			// released.
			if (!this.held.containsKey(name)) {
				log.info("Online rebuild of {}: instance {} switches; processors stopped here meanwhile", name,
						rebuild.switchNode());
				// Not waited for here: the check goes on, and the live processor is
				// started
				// again only once both have stopped.
				this.held.put(name, CompletableFuture.allOf(stop(shadow), stop(processor(name))));
			}
			return;
		}
		release(name);
		if (this.held.containsKey(name)) {
			return;
		}
		if (!shadow.isRunning()) {
			prepare(rebuild.tables(), false);
			shadow.start();
			log.info("Online rebuild of {} resumed", name);
			return;
		}
		long head = this.positions.head();
		long position = position(shadow.getName());
		if (head - position <= this.properties.switchLag()) {
			switchTables(projection, rebuild);
		}
	}

	/** Whether another live instance is switching the rebuild. */
	private boolean switchingElsewhere(OnlineRebuilds.Rebuild rebuild) {
		return SWITCHING.equals(rebuild.state()) && !this.node.equals(rebuild.switchNode())
				&& rebuild.switchAt() != null
				&& rebuild.switchAt().isAfter(this.clock.instant().minus(switchTimeout()));
	}

	/** A switch not finished within this is taken for abandoned (its instance died). */
	private Duration switchTimeout() {
		return this.properties.switchCatchUp().plusSeconds(15);
	}

	/** Starts again the live processor stopped here for another instance's switch. */
	private void release(String name) {
		CompletableFuture<Void> stopped = this.held.get(name);
		if (stopped == null || !stopped.isDone()) {
			return;
		}
		this.held.remove(name);
		StreamingEventProcessor live = processor(name);
		if (!live.isRunning()) {
			live.start();
		}
		log.info("Online rebuild of {}: processors started again here", name);
	}

	/**
	 * Stops a processor if it runs (the shutdown of a processor that never started here
	 * does not complete).
	 */
	private static CompletableFuture<Void> stop(StreamingEventProcessor processor) {
		return processor.isRunning() ? processor.shutdownAsync() : CompletableFuture.completedFuture(null);
	}

	/** Marks the rebuild as switched by this instance; false if another one does. */
	private boolean claimSwitch(String name) {
		return this.jdbc.update("""
				UPDATE read.projection_rebuilds SET state = ?, switch_node = ?, switch_at = ?
				WHERE name = ? AND (state = ? OR switch_node = ? OR switch_at < ?)
				""", SWITCHING, this.node, Timestamp.from(this.clock.instant()), name, REBUILDING, this.node,
				Timestamp.from(this.clock.instant().minus(switchTimeout()))) == 1;
	}

	private void giveUpSwitch(String name) {
		this.jdbc.update("""
				UPDATE read.projection_rebuilds SET state = ?, switch_node = NULL, switch_at = NULL
				WHERE name = ? AND switch_node = ?
				""", REBUILDING, name, this.node);
	}

	private void switchTables(RebuildableProjection projection, OnlineRebuilds.Rebuild rebuild) {
		String name = projection.name();
		String shadowName = RebuildConfig.shadowProcessor(name);
		String[] tables = rebuild.tables().toArray(String[]::new);
		if (!tablesFree(name, tables) || !claimSwitch(name)) {
			return;
		}
		StreamingEventProcessor live = processor(name);
		StreamingEventProcessor shadow = processor(shadowName);
		boolean switched = false;
		live.shutDown();
		try {
			Instant deadline = this.clock.instant().plus(this.properties.switchCatchUp());
			while (claimedElsewhere(name) && this.clock.instant().isBefore(deadline)) {
				sleep(Duration.ofMillis(100));
			}
			long target = position(name);
			while (position(shadowName) < target && this.clock.instant().isBefore(deadline)) {
				sleep(Duration.ofMillis(50));
			}
			if (claimedElsewhere(name) || position(shadowName) < target) {
				log.info("Online rebuild of {}: not at the live position {} yet, or a segment still claimed by "
						+ "another instance; switch retried", name, target);
				return;
			}
			shadow.shutDown();
			if (claimedElsewhere(shadowName)) {
				log.warn("Online rebuild of {}: a segment is claimed by another instance; switch retried", name);
				shadow.start();
				return;
			}
			long position = position(shadowName);
			try {
				this.transactions.executeWithoutResult((status) -> swap(name, shadowName, tables, rebuild, position));
			}
			catch (DataAccessException ex) {
				shadow.start();
				if (!lockTimeout(ex)) {
					throw ex;
				}
				log.info("Online rebuild of {}: the tables were busy for 2 s, switch retried", name);
				return;
			}
			switched = true;
			log.info("Online rebuild of {} switched at position {}", name, position);
		}
		finally {
			if (!switched) {
				giveUpSwitch(name);
			}
			live.start();
		}
	}

	/** Whether a node holds a segment of the processor (this node's are released). */
	private boolean claimedElsewhere(String processor) {
		Integer claimed = this.jdbc.queryForObject(
				"SELECT count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL", Integer.class,
				processor);
		return claimed != null && claimed > 0;
	}

	/**
	 * Whether the tables can be locked within 2 s now: tried before any processor is
	 * stopped, so that a long query on them (a report, a dump) costs no churn.
	 */
	private boolean tablesFree(String name, String[] tables) {
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.jdbc.execute("SET LOCAL lock_timeout = '2s'");
				for (String table : tables) {
					this.jdbc
						.execute("LOCK TABLE read.\"" + table.replace("\"", "\"\"") + "\" IN ACCESS EXCLUSIVE MODE");
				}
				status.setRollbackOnly();
			});
			return true;
		}
		catch (DataAccessException ex) {
			if (!lockTimeout(ex)) {
				throw ex;
			}
			log.info("Online rebuild of {}: the tables were busy for 2 s, switch retried", name);
			return false;
		}
	}

	private void swap(String name, String shadowName, String[] tables, OnlineRebuilds.Rebuild rebuild, long position) {
		this.jdbc.query("SELECT read.switch_projection_tables(?)", (RowCallbackHandler) (rs) -> {
		}, (Object) tables);
		this.jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", name);
		this.jdbc.update("UPDATE token_entry SET processor_name = ?, owner = NULL WHERE processor_name = ?", name,
				shadowName);
		unwrapReplayTokens(name);
		this.jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", name);
		this.jdbc.update("UPDATE dead_letter_entry SET processing_group = ? WHERE processing_group = ?", name,
				shadowName);
		this.jdbc.update("""
				INSERT INTO read.projection_switches (name, started_at, switched_at, position)
				VALUES (?, ?, ?, ?)
				""", name, Timestamp.from(rebuild.startedAt()), Timestamp.from(this.clock.instant()), position);
		this.jdbc.update("DELETE FROM read.projection_rebuilds WHERE name = ?", name);
	}

	/**
	 * The rebuild's tokens are replay tokens (Axon starts a processor from the tail of a
	 * non-empty store as a replay); caught up, they hand over their current position, so
	 * the live processor does not take itself for replaying.
	 */
	private void unwrapReplayTokens(String name) {
		this.jdbc.query("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?", (rs) -> {
			byte[] bytes = rs.getBytes("token");
			String type = rs.getString("token_type");
			if (bytes == null || type == null) {
				return;
			}
			Object token = this.serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
			if (token instanceof ReplayToken replay && replay.getCurrentToken() != null) {
				SerializedObject<byte[]> current = this.serializer.serialize(replay.getCurrentToken(), byte[].class);
				this.jdbc.update(
						"UPDATE token_entry SET token = ?, token_type = ? WHERE processor_name = ? AND segment = ?",
						current.getData(), current.getType().getName(), name, rs.getInt("segment"));
			}
		}, name);
	}

	/** PostgreSQL's lock_not_available (lock_timeout), anywhere in the causes. */
	private static boolean lockTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private void prepare(List<String> tables, boolean fresh) {
		this.jdbc.query("SELECT read.prepare_projection_rebuild(?, ?)", (RowCallbackHandler) (rs) -> {
		}, tables.toArray(String[]::new), fresh);
	}

	private long position(String processor) {
		ProjectionPositions.Tokens tokens = this.positions.tokens().get(processor);
		return (tokens != null) ? tokens.position() : 0;
	}

	private StreamingEventProcessor processor(String name) {
		return this.processing.eventProcessor(name, StreamingEventProcessor.class)
			.orElseThrow(() -> new IllegalStateException("No streaming processor " + name));
	}

	private static ApiException replayRunning(String name) {
		return new ApiException(HttpStatus.CONFLICT, "REPLAY_RUNNING",
				"A rebuild or replay of " + name + " is running already.");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while switching", ex);
		}
	}

}
