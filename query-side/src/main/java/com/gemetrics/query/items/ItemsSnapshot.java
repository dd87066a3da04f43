package com.gemetrics.query.items;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;

/**
 * One instance's in-memory copy of the items view, immutable once built: the list as JSON
 * and gzip bytes with their ETags, every item's own JSON and ETag, and the parsed views
 * (sorted lists are computed once per order, on first use). Staleness is baked in: when
 * it flips, a new snapshot is built from the same {@link ItemsCanonical}.
 */
final class ItemsSnapshot {

	private final ItemsCanonical canonical;

	private final boolean stale;

	private final String source;

	private final Instant builtAt;

	private final List<ItemView> views;

	private final byte[] json;

	private final byte[] gzip;

	private final String etag;

	private final String gzipEtag;

	private final ItemView[] byId;

	private final byte[][] itemJson;

	private final String[] itemEtags;

	private final Map<String, List<ItemView>> sorted = new ConcurrentHashMap<>();

	private volatile Path gzipFile;

	private ItemsSnapshot(ItemsCanonical canonical, boolean stale, String source, Instant builtAt, List<ItemView> views,
			byte[] json, byte[] gzip, ItemsCodec codec) {
		this.canonical = canonical;
		this.stale = stale;
		this.source = source;
		this.builtAt = builtAt;
		this.views = views;
		this.json = json;
		this.gzip = gzip;
		String tag = canonical.tag() + (stale ? "-s" : "");
		this.etag = '"' + tag + '"';
		this.gzipEtag = '"' + tag + "-gz\"";
		int maxId = views.stream().mapToInt(ItemView::id).max().orElse(-1);
		this.byId = new ItemView[maxId + 1];
		this.itemJson = new byte[maxId + 1][];
		this.itemEtags = new String[maxId + 1];
		for (ItemView view : views) {
			if (view.id() >= 0) {
				byte[] bytes = codec.json(view);
				this.byId[view.id()] = view;
				this.itemJson[view.id()] = bytes;
				this.itemEtags[view.id()] = '"' + ItemsCodec.hash(bytes) + '"';
			}
		}
	}

	/** A snapshot of {@code canonical} with {@code stale} overlaid on every view. */
	static ItemsSnapshot of(ItemsCanonical canonical, boolean stale, String source, Instant builtAt, ItemsCodec codec) {
		if (!stale) {
			return new ItemsSnapshot(canonical, false, source, builtAt, canonical.views(), canonical.json(),
					canonical.gzip(), codec);
		}
		List<ItemView> views = new ArrayList<>(canonical.views().size());
		canonical.views().forEach((view) -> views.add(view.withStale(true)));
		byte[] json = codec.json(views);
		return new ItemsSnapshot(canonical, true, source, builtAt, List.copyOf(views), json, ItemsCodec.gzip(json),
				codec);
	}

	ItemsCanonical canonical() {
		return this.canonical;
	}

	boolean stale() {
		return this.stale;
	}

	/**
	 * Where the data came from: {@code redis}, {@code postgres} or {@code projection}.
	 */
	String source() {
		return this.source;
	}

	Instant builtAt() {
		return this.builtAt;
	}

	List<ItemView> views() {
		return this.views;
	}

	byte[] json() {
		return this.json;
	}

	byte[] gzip() {
		return this.gzip;
	}

	/**
	 * The gzip list as a file for {@code sendfile}, or {@code null} when there is none.
	 */
	Path gzipFile() {
		return this.gzipFile;
	}

	/**
	 * Attaches the file holding exactly {@link #gzip()}; done once, before the snapshot
	 * is served.
	 */
	ItemsSnapshot withGzipFile(Path file) {
		this.gzipFile = file;
		return this;
	}

	String etag() {
		return this.etag;
	}

	String gzipEtag() {
		return this.gzipEtag;
	}

	/** One item, or {@code null}. */
	ItemView item(int id) {
		return (id >= 0 && id < this.byId.length) ? this.byId[id] : null;
	}

	/** One item's JSON, or {@code null}. */
	byte[] itemJson(int id) {
		return (id >= 0 && id < this.itemJson.length) ? this.itemJson[id] : null;
	}

	String itemEtag(int id) {
		return this.itemEtags[id];
	}

	/** Every item in the given order. */
	List<ItemView> sorted(ItemSort sort, boolean descending) {
		return this.sorted.computeIfAbsent(sort.name() + descending, (key) -> {
			List<ItemView> list = new ArrayList<>(this.views);
			list.sort(ItemOrder.comparator(sort, descending));
			return List.copyOf(list);
		});
	}

}
