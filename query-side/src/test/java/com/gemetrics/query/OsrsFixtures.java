package com.gemetrics.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;

/**
 * The recorded OSRS Wiki responses the devstack jar ships ({@code fixtures/osrs}), read
 * with Jackson and turned into the events the command-side poller would emit for them.
 */
public final class OsrsFixtures {

	public static final String MAPPING = "fixtures/osrs/mapping_2025-05-23.json";

	public static final String LATEST = "fixtures/osrs/latest_2025-05-26.json";

	public static final String FIVE_MINUTES = "fixtures/osrs/5m_latest_2025-05-26.json";

	public static final String ONE_HOUR = "fixtures/osrs/1h_1748242800.json";

	/**
	 * When the recorded {@code /latest} was answered (its newest trade is 07:02:11 UTC):
	 * the 1% tax rule was in force.
	 */
	public static final Instant LATEST_OBSERVED_AT = Instant.parse("2025-05-26T07:03:00Z");

	private static final ObjectMapper JSON = new ObjectMapper();

	private OsrsFixtures() {
	}

	public static JsonNode read(String resource) {
		try (InputStream in = OsrsFixtures.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing fixture " + resource);
			}
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static ItemCatalogSyncedEvent catalog() {
		List<CatalogItem> items = new ArrayList<>();
		for (JsonNode item : read(MAPPING)) {
			items.add(new CatalogItem(item.get("id").asInt(), item.get("name").asText(), text(item, "examine"),
					item.path("members").asBoolean(), integer(item, "limit"), integer(item, "lowalch"),
					integer(item, "highalch"), integer(item, "value"), text(item, "icon")));
		}
		return new ItemCatalogSyncedEvent(Instant.parse("2025-05-23T00:00:00Z"), items);
	}

	public static LatestPricesObservedEvent latest() {
		List<PriceQuote> quotes = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> it = read(LATEST).get("data").fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> entry = it.next();
			JsonNode quote = entry.getValue();
			quotes.add(new PriceQuote(Integer.parseInt(entry.getKey()), coins(quote, "high"), time(quote, "highTime"),
					coins(quote, "low"), time(quote, "lowTime")));
		}
		return new LatestPricesObservedEvent(LATEST_OBSERVED_AT, quotes);
	}

	public static VolumeWindowObservedEvent fiveMinutes() {
		return window(FIVE_MINUTES, Timestep.FIVE_MINUTES);
	}

	public static VolumeWindowObservedEvent oneHour() {
		return window(ONE_HOUR, Timestep.ONE_HOUR);
	}

	private static VolumeWindowObservedEvent window(String resource, Timestep timestep) {
		JsonNode body = read(resource);
		List<WindowAverage> items = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> it = body.get("data").fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> entry = it.next();
			JsonNode average = entry.getValue();
			items.add(new WindowAverage(Integer.parseInt(entry.getKey()), coins(average, "avgHighPrice"),
					average.path("highPriceVolume").asLong(), coins(average, "avgLowPrice"),
					average.path("lowPriceVolume").asLong()));
		}
		return new VolumeWindowObservedEvent(timestep, Instant.ofEpochSecond(body.get("timestamp").asLong()), items);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asText();
	}

	private static Integer integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asInt();
	}

	private static Long coins(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asLong();
	}

	private static Instant time(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : Instant.ofEpochSecond(value.asLong());
	}

}
