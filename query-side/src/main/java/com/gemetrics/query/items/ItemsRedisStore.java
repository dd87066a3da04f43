package com.gemetrics.query.items;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.gemetrics.api.item.ItemView;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.stereotype.Component;

/**
 * The items views in Redis. Layout, under {@code ge.redis.key-prefix}:
 * {@code items:list.json.gz} (the JSON array of every item, gzip), {@code items:etag}
 * (its content hash), {@code items:version} (the {@code read.item_summary} fingerprint it
 * was built from) and {@code item:<id>} (one item's JSON). All hold the canonical form,
 * {@code stale = false}; each instance overlays staleness itself. The list, its tag, its
 * version and the changed items are written by one {@code MSET}, atomic, so a reader
 * never sees a list with another list's tag.
 * <p>
 * Every method may throw {@link DataAccessException} when Redis is unreachable: callers
 * decide how to fall back.
 */
@Component
class ItemsRedisStore {

	private final RedisTemplate<String, byte[]> redis;

	private final RedisKeyProperties keys;

	private final ItemsCodec codec;

	ItemsRedisStore(RedisTemplate<String, byte[]> itemsRedisTemplate, RedisKeyProperties keys, ItemsCodec codec) {
		this.redis = itemsRedisTemplate;
		this.keys = keys;
		this.codec = codec;
	}

	/**
	 * Writes the list, its tag, its version and the {@code changed} items in one
	 * {@code MSET}: one round trip, applied atomically.
	 */
	void write(ItemsCanonical list, Collection<ItemView> changed) {
		this.redis.opsForValue().multiSet(entries(list, changed));
	}

	/**
	 * Rewrites every view from {@code rebuild} when the list is missing or was built from
	 * another version of {@code read.item_summary} than {@code currentVersion}, unless
	 * another writer sets the list meanwhile ({@code WATCH}): a projection's newer write
	 * always wins over a repair.
	 * @return whether the views were rewritten
	 */
	boolean repair(String currentVersion, Supplier<ItemsCanonical> rebuild) {
		Boolean repaired = this.redis.execute(new SessionCallback<>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public Boolean execute(RedisOperations operations) {
				RedisKeyProperties k = ItemsRedisStore.this.keys;
				operations.watch(List.of(k.listKey(), k.etagKey(), k.versionKey()));
				byte[] version = (byte[]) operations.opsForValue().get(k.versionKey());
				if (Boolean.TRUE.equals(operations.hasKey(k.listKey())) && version != null
						&& currentVersion.equals(new String(version, StandardCharsets.UTF_8))) {
					operations.unwatch();
					return false;
				}
				ItemsCanonical list = rebuild.get();
				operations.multi();
				operations.opsForValue().multiSet(entries(list, list.views()));
				List<Object> result = operations.exec();
				return result != null && !result.isEmpty();
			}
		});
		return Boolean.TRUE.equals(repaired);
	}

	/** The tag of the list in Redis, or {@code null} when there is none. */
	String readTag() {
		byte[] tag = this.redis.opsForValue().get(this.keys.etagKey());
		return (tag != null) ? new String(tag, StandardCharsets.UTF_8) : null;
	}

	/** The list in Redis with its tag and version, or {@code null} when there is none. */
	ItemsCanonical readList() {
		List<byte[]> values = this.redis.opsForValue()
			.multiGet(List.of(this.keys.etagKey(), this.keys.listKey(), this.keys.versionKey()));
		if (values == null || values.get(0) == null || values.get(1) == null) {
			return null;
		}
		return this.codec.fromGzip(values.get(1), text(values.get(0)), text(values.get(2)));
	}

	private static String text(byte[] value) {
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	/** One item from its own key, or {@code null}. */
	ItemView readItem(int itemId) {
		byte[] json = this.redis.opsForValue().get(this.keys.itemKey(itemId));
		return (json != null) ? this.codec.view(json) : null;
	}

	/** Deletes every key of the items views. */
	void deleteAll() {
		List<String> doomed = new ArrayList<>(
				List.of(this.keys.listKey(), this.keys.etagKey(), this.keys.versionKey()));
		try (Cursor<String> cursor = this.redis
			.scan(ScanOptions.scanOptions().match(this.keys.itemKeyPattern()).count(1000).build())) {
			cursor.forEachRemaining(doomed::add);
		}
		this.redis.delete(doomed);
	}

	private Map<String, byte[]> entries(ItemsCanonical list, Collection<ItemView> changed) {
		Map<String, byte[]> entries = new LinkedHashMap<>(changed.size() * 2 + 8);
		for (ItemView view : changed) {
			entries.put(this.keys.itemKey(view.id()), this.codec.json(view));
		}
		entries.put(this.keys.listKey(), list.gzip());
		entries.put(this.keys.etagKey(), list.tag().getBytes(StandardCharsets.UTF_8));
		entries.put(this.keys.versionKey(), list.sourceVersion().getBytes(StandardCharsets.UTF_8));
		return entries;
	}

}
