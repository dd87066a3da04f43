package com.gemetrics.command.price;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.WindowAverage;

import org.springframework.stereotype.Component;

/**
 * Turns the prices API's JSON into validated values. The API is untrusted: an entry (or
 * one price side of a {@code /latest} entry) that breaks a rule is dropped and counted,
 * never repaired; a response whose shape is wrong, or that has entries but none valid, is
 * rejected whole with an {@link OsrsApiException}. Nulls stay null; no price is ever
 * invented.
 */
@Component
class OsrsResponseParser {

	/**
	 * How far in the future a trade time may lie before it counts as absurd (clock skew).
	 */
	static final Duration MAX_FUTURE = Duration.ofDays(1);

	private final PollerMetrics metrics;

	OsrsResponseParser(PollerMetrics metrics) {
		this.metrics = metrics;
	}

	List<CatalogItem> mapping(JsonNode root) {
		if (root == null || !root.isArray()) {
			throw new OsrsApiException("/mapping: expected a JSON array");
		}
		if (root.isEmpty()) {
			throw new OsrsApiException("/mapping: empty catalogue");
		}
		Map<Integer, CatalogItem> items = new LinkedHashMap<>();
		for (JsonNode entry : root) {
			CatalogItem item = catalogItem(entry);
			if (item == null) {
				continue;
			}
			if (items.putIfAbsent(item.id(), item) != null) {
				this.metrics.dropped(PollEndpoint.MAPPING, "duplicate_id");
			}
		}
		if (items.isEmpty()) {
			throw new OsrsApiException("/mapping: no valid entries among " + root.size());
		}
		return List.copyOf(items.values());
	}

	List<PriceQuote> latest(JsonNode root, Instant now) {
		JsonNode data = dataObject(root, "/latest");
		List<PriceQuote> quotes = new ArrayList<>(data.size());
		Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			Integer itemId = itemId(field.getKey());
			if (itemId == null) {
				this.metrics.dropped(PollEndpoint.LATEST, "invalid_id");
				continue;
			}
			JsonNode entry = field.getValue();
			if (!entry.isObject()) {
				this.metrics.dropped(PollEndpoint.LATEST, "malformed_entry");
				continue;
			}
			Side high = side(entry.get("high"), entry.get("highTime"), now);
			Side low = side(entry.get("low"), entry.get("lowTime"), now);
			if ((high.invalid() || low.invalid()) && high.price() == null && low.price() == null) {
				this.metrics.dropped(PollEndpoint.LATEST, "invalid_entry");
				continue;
			}
			if (high.invalid()) {
				this.metrics.dropped(PollEndpoint.LATEST, "invalid_high");
			}
			if (low.invalid()) {
				this.metrics.dropped(PollEndpoint.LATEST, "invalid_low");
			}
			quotes.add(new PriceQuote(itemId, high.price(), high.time(), low.price(), low.time()));
		}
		if (quotes.isEmpty()) {
			throw new OsrsApiException("/latest: no valid entries among " + data.size());
		}
		return quotes;
	}

	WindowSnapshot window(JsonNode root, Timestep timestep, Instant now) {
		String endpoint = "/" + timestep.code();
		JsonNode data = dataObject(root, endpoint);
		JsonNode timestamp = root.get("timestamp");
		Instant bucketStart = epochSeconds(timestamp, now);
		if (bucketStart == null || bucketStart.getEpochSecond() % timestep.length().toSeconds() != 0
				|| bucketStart.isAfter(now)) {
			throw new OsrsApiException(endpoint + ": missing or invalid timestamp " + timestamp);
		}
		PollEndpoint tag = (timestep == Timestep.FIVE_MINUTES) ? PollEndpoint.FIVE_MINUTE : PollEndpoint.ONE_HOUR;
		List<WindowAverage> items = new ArrayList<>(data.size());
		Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			Integer itemId = itemId(field.getKey());
			if (itemId == null) {
				this.metrics.dropped(tag, "invalid_id");
				continue;
			}
			WindowAverage average = windowAverage(itemId, field.getValue());
			if (average == null) {
				this.metrics.dropped(tag, "invalid_entry");
				continue;
			}
			items.add(average);
		}
		if (items.isEmpty()) {
			throw new OsrsApiException(endpoint + ": no valid entries among " + data.size());
		}
		items.sort(Comparator.comparingInt(WindowAverage::itemId));
		return new WindowSnapshot(timestep, bucketStart, items);
	}

	List<HistoryPoint> timeseries(JsonNode root, Timestep timestep, Instant now) {
		if (root == null || !root.isObject() || !root.path("data").isArray()) {
			throw new OsrsApiException("/timeseries: expected {\"data\":[...]}");
		}
		JsonNode data = root.get("data");
		TreeMap<Instant, HistoryPoint> points = new TreeMap<>();
		for (JsonNode entry : data) {
			HistoryPoint point = historyPoint(entry, timestep, now);
			if (point == null || points.putIfAbsent(point.timestamp(), point) != null) {
				this.metrics.dropped(PollEndpoint.TIMESERIES, "invalid_point");
			}
		}
		if (points.isEmpty() && !data.isEmpty()) {
			throw new OsrsApiException("/timeseries: no valid points among " + data.size());
		}
		return List.copyOf(points.values());
	}

	private CatalogItem catalogItem(JsonNode entry) {
		if (!entry.isObject()) {
			this.metrics.dropped(PollEndpoint.MAPPING, "malformed_entry");
			return null;
		}
		JsonNode id = entry.get("id");
		JsonNode name = entry.get("name");
		JsonNode members = entry.get("members");
		if (id == null || !id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() <= 0) {
			this.metrics.dropped(PollEndpoint.MAPPING, "invalid_id");
			return null;
		}
		if (name == null || !name.isTextual() || name.textValue().isBlank() || members == null
				|| !members.isBoolean()) {
			this.metrics.dropped(PollEndpoint.MAPPING, "invalid_entry");
			return null;
		}
		OptionalField<String> examine = optionalText(entry.get("examine"));
		OptionalField<String> icon = optionalText(entry.get("icon"));
		OptionalField<Integer> limit = optionalCount(entry.get("limit"));
		OptionalField<Integer> lowAlch = optionalCount(entry.get("lowalch"));
		OptionalField<Integer> highAlch = optionalCount(entry.get("highalch"));
		OptionalField<Integer> value = optionalCount(entry.get("value"));
		if (!examine.valid() || !icon.valid() || !limit.valid() || !lowAlch.valid() || !highAlch.valid()
				|| !value.valid()) {
			this.metrics.dropped(PollEndpoint.MAPPING, "invalid_entry");
			return null;
		}
		return new CatalogItem(id.intValue(), name.textValue(), examine.value(), members.booleanValue(), limit.value(),
				lowAlch.value(), highAlch.value(), value.value(), icon.value());
	}

	private WindowAverage windowAverage(int itemId, JsonNode entry) {
		if (!entry.isObject()) {
			return null;
		}
		OptionalField<Long> avgHigh = optionalPrice(entry.get("avgHighPrice"));
		OptionalField<Long> avgLow = optionalPrice(entry.get("avgLowPrice"));
		Long highVolume = volume(entry.get("highPriceVolume"));
		Long lowVolume = volume(entry.get("lowPriceVolume"));
		if (!avgHigh.valid() || !avgLow.valid() || highVolume == null || lowVolume == null) {
			return null;
		}
		return new WindowAverage(itemId, avgHigh.value(), highVolume, avgLow.value(), lowVolume);
	}

	private HistoryPoint historyPoint(JsonNode entry, Timestep timestep, Instant now) {
		if (!entry.isObject()) {
			return null;
		}
		Instant timestamp = epochSeconds(entry.get("timestamp"), now);
		if (timestamp == null || timestamp.getEpochSecond() % timestep.length().toSeconds() != 0) {
			return null;
		}
		OptionalField<Long> avgHigh = optionalPrice(entry.get("avgHighPrice"));
		OptionalField<Long> avgLow = optionalPrice(entry.get("avgLowPrice"));
		Long highVolume = volume(entry.get("highPriceVolume"));
		Long lowVolume = volume(entry.get("lowPriceVolume"));
		if (!avgHigh.valid() || !avgLow.valid() || highVolume == null || lowVolume == null) {
			return null;
		}
		return new HistoryPoint(timestamp, avgHigh.value(), avgLow.value(), highVolume, lowVolume);
	}

	private static JsonNode dataObject(JsonNode root, String endpoint) {
		if (root == null || !root.isObject() || !root.path("data").isObject()) {
			throw new OsrsApiException(endpoint + ": expected {\"data\":{...}}");
		}
		JsonNode data = root.get("data");
		if (data.isEmpty()) {
			throw new OsrsApiException(endpoint + ": empty data");
		}
		return data;
	}

	/**
	 * One side of a {@code /latest} quote: a valid price with its time (which may be
	 * null), no data (the API sent null), or invalid.
	 */
	private static Side side(JsonNode price, JsonNode time, Instant now) {
		boolean priceNull = price == null || price.isNull();
		boolean timeNull = time == null || time.isNull();
		if (priceNull) {
			return Side.NONE;
		}
		if (!isPrice(price)) {
			return Side.INVALID;
		}
		Instant at = null;
		if (!timeNull) {
			at = epochSeconds(time, now);
			if (at == null) {
				return Side.INVALID;
			}
		}
		return new Side(price.longValue(), at, false);
	}

	private static boolean isPrice(JsonNode node) {
		return node.isIntegralNumber() && node.canConvertToLong() && GeLimits.isValidPrice(node.longValue());
	}

	private static OptionalField<Long> optionalPrice(JsonNode node) {
		if (node == null || node.isNull()) {
			return new OptionalField<>(true, null);
		}
		return isPrice(node) ? new OptionalField<>(true, node.longValue()) : new OptionalField<>(false, null);
	}

	private static OptionalField<Integer> optionalCount(JsonNode node) {
		if (node == null || node.isNull()) {
			return new OptionalField<>(true, null);
		}
		if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
			return new OptionalField<>(true, node.intValue());
		}
		return new OptionalField<>(false, null);
	}

	private static OptionalField<String> optionalText(JsonNode node) {
		if (node == null || node.isNull()) {
			return new OptionalField<>(true, null);
		}
		return node.isTextual() ? new OptionalField<>(true, node.textValue()) : new OptionalField<>(false, null);
	}

	private static Long volume(JsonNode node) {
		if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
			return null;
		}
		return node.longValue();
	}

	private static Instant epochSeconds(JsonNode node, Instant now) {
		if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
			return null;
		}
		Instant at = Instant.ofEpochSecond(node.longValue());
		return at.isAfter(now.plus(MAX_FUTURE)) ? null : at;
	}

	private static Integer itemId(String key) {
		try {
			int id = Integer.parseInt(key);
			return (id > 0) ? id : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private record Side(Long price, Instant time, boolean invalid) {

		static final Side NONE = new Side(null, null, false);

		static final Side INVALID = new Side(null, null, true);

	}

	private record OptionalField<T>(boolean valid, T value) {
	}

}
