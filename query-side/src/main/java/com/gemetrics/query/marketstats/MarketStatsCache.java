package com.gemetrics.query.marketstats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.item.MarketStatsView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The market overview, shared by every query-side instance through Redis. Layout, under
 * {@code ge.redis.key-prefix}:
 * <ul>
 * <li>{@code market-stats:version}: when prices last moved (epoch milliseconds), written
 * by {@link PriceMoves} after the items or price-history processor committed a poll;
 * <li>{@code market-stats:<limit>}: {@code <version> <json>}, the overview for that
 * ranking size as computed at that version, kept {@code cache-ttl} (1 h), or only
 * {@code settle} when computed within {@code settle} of the move (an instance's items
 * snapshot may not show the move yet);
 * <li>{@code market-stats:lock:<limit>}: held for at most {@code lock-ttl} by the one
 * instance computing that overview.
 * </ul>
 * An entry of an older version is stale: the first instance to take the lock computes the
 * new one (one at a time across instances: no stampede on PostgreSQL); the others answer
 * the stale entry meanwhile, or, with none, wait up to {@code lock-wait} for the new one
 * before computing their own. Redis unreachable: computed from PostgreSQL on this
 * instance, reused for {@code fallback-ttl}, and Redis is left alone for
 * {@code redis-retry-after}; never an error to the caller.
 */
class MarketStatsCache {

	private static final Logger log = LoggerFactory.getLogger(MarketStatsCache.class);

	private static final RedisScript<Long> RELEASE = new DefaultRedisScript<>(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private static final String NO_VERSION = "0";

	private final StringRedisTemplate redis;

	private final ObjectMapper json;

	private final MarketStatsProperties properties;

	private final Clock clock;

	private final String prefix;

	private final Map<Integer, Local> local = new ConcurrentHashMap<>();

	private volatile Instant redisSkippedUntil = Instant.MIN;

	MarketStatsCache(StringRedisTemplate redis, ObjectMapper json, MarketStatsProperties properties, Clock clock,
			String keyPrefix) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		this.prefix = keyPrefix + "market-stats:";
	}

	/**
	 * The overview of {@code limit} items per ranking; {@code compute} makes a new one.
	 */
	MarketStatsView get(int limit, Supplier<MarketStatsView> compute) {
		if (this.clock.instant().isBefore(this.redisSkippedUntil)) {
			return fallback(limit, compute);
		}
		try {
			return shared(limit, () -> {
				try {
					return compute.get();
				}
				catch (RuntimeException ex) {
					throw new ComputeFailed(ex);
				}
			});
		}
		catch (ComputeFailed ex) {
			throw ex.cause;
		}
		catch (DataAccessException ex) {
			log.warn("Market stats cache: Redis unusable, computing from PostgreSQL for {}: {}",
					this.properties.redisRetryAfter(), ex.toString());
			this.redisSkippedUntil = this.clock.instant().plus(this.properties.redisRetryAfter());
			return fallback(limit, compute);
		}
	}

	/** Prices moved: every cached overview is stale from now on. */
	void invalidate() {
		this.redis.opsForValue().set(versionKey(), Long.toString(this.clock.millis()));
	}

	private MarketStatsView shared(int limit, Supplier<MarketStatsView> compute) {
		List<String> values = this.redis.opsForValue().multiGet(List.of(versionKey(), entryKey(limit)));
		String version = (values != null && values.get(0) != null) ? values.get(0) : NO_VERSION;
		Entry entry = (values != null) ? parse(values.get(1)) : null;
		if (entry != null && entry.version().equals(version)) {
			return entry.view();
		}
		String token = UUID.randomUUID().toString();
		Boolean locked = this.redis.opsForValue()
			.setIfAbsent(lockKey(limit), token, this.properties.lockTtl().toMillis(), TimeUnit.MILLISECONDS);
		if (Boolean.TRUE.equals(locked)) {
			try {
				Entry fresh = parse(this.redis.opsForValue().get(entryKey(limit)));
				if (fresh != null && fresh.version().equals(version)) {
					return fresh.view();
				}
				MarketStatsView view = compute.get();
				this.redis.opsForValue()
					.set(entryKey(limit), version + " " + write(view), ttl(version).toMillis(), TimeUnit.MILLISECONDS);
				return view;
			}
			finally {
				this.redis.execute(RELEASE, List.of(lockKey(limit)), token);
			}
		}
		if (entry != null) {
			return entry.view();
		}
		return awaitOther(limit, version, compute);
	}

	/** Another instance computes: wait for its entry, then compute unshared. */
	private MarketStatsView awaitOther(int limit, String version, Supplier<MarketStatsView> compute) {
		Instant deadline = this.clock.instant().plus(this.properties.lockWait());
		while (this.clock.instant().isBefore(deadline)) {
			try {
				Thread.sleep(this.properties.lockPoll().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			Entry entry = parse(this.redis.opsForValue().get(entryKey(limit)));
			if (entry != null && entry.version().equals(version)) {
				return entry.view();
			}
		}
		return compute.get();
	}

	private MarketStatsView fallback(int limit, Supplier<MarketStatsView> compute) {
		Instant now = this.clock.instant();
		Local cached = this.local.get(limit);
		if (cached != null && now.isBefore(cached.expiresAt())) {
			return cached.view();
		}
		MarketStatsView view = compute.get();
		this.local.put(limit, new Local(view, now.plus(this.properties.fallbackTtl())));
		return view;
	}

	/** A full hour, unless prices moved so recently that the inputs may lag behind. */
	private Duration ttl(String version) {
		long movedAt;
		try {
			movedAt = Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			return this.properties.cacheTtl();
		}
		Duration sinceMove = Duration.ofMillis(Math.max(0, this.clock.millis() - movedAt));
		return sinceMove.compareTo(this.properties.settle()) < 0 ? this.properties.settle()
				: this.properties.cacheTtl();
	}

	private Entry parse(String value) {
		if (value == null) {
			return null;
		}
		int space = value.indexOf(' ');
		if (space < 0) {
			return null;
		}
		try {
			return new Entry(value.substring(0, space),
					this.json.readValue(value.substring(space + 1), MarketStatsView.class));
		}
		catch (JsonProcessingException ex) {
			log.warn("Market stats cache: unreadable entry, recomputing: {}", ex.getOriginalMessage());
			return null;
		}
	}

	private String write(MarketStatsView view) {
		try {
			return this.json.writeValueAsString(view);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot serialize the market stats", ex);
		}
	}

	String versionKey() {
		return this.prefix + "version";
	}

	String entryKey(int limit) {
		return this.prefix + limit;
	}

	String lockKey(int limit) {
		return this.prefix + "lock:" + limit;
	}

	private record Entry(String version, MarketStatsView view) {
	}

	/** The computation failed, not Redis: the caller gets its exception as it was. */
	private static final class ComputeFailed extends RuntimeException {

		private final RuntimeException cause;

		ComputeFailed(RuntimeException cause) {
			super(null, cause, false, false);
			this.cause = cause;
		}

	}

	private record Local(MarketStatsView view, Instant expiresAt) {
	}

}
