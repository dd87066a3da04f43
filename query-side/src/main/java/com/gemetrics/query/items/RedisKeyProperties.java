package com.gemetrics.query.items;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the query side's Redis keys live.
 *
 * @param keyPrefix prepended to every key, so several deployments (or test runs) share
 * one Redis
 */
@Validated
@ConfigurationProperties("ge.redis")
record RedisKeyProperties(@NotNull @DefaultValue("ge:") String keyPrefix) {

	/** The gzip-compressed JSON array of every item. */
	String listKey() {
		return this.keyPrefix + "items:list.json.gz";
	}

	/** The ETag (content hash) of the list, written with it. */
	String etagKey() {
		return this.keyPrefix + "items:etag";
	}

	/**
	 * The {@code read.item_summary} fingerprint the list was built from, written with it.
	 */
	String versionKey() {
		return this.keyPrefix + "items:version";
	}

	/** One item's JSON. */
	String itemKey(int itemId) {
		return this.keyPrefix + "item:" + itemId;
	}

	/** A SCAN pattern matching every per-item key. */
	String itemKeyPattern() {
		return this.keyPrefix + "item:*";
	}

}
