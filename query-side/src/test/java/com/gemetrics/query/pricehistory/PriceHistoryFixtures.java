package com.gemetrics.query.pricehistory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;

/**
 * Price events built from the recorded OSRS Wiki responses under {@code fixtures/osrs}.
 */
final class PriceHistoryFixtures {

	static final String FIVE_MINUTES = "fixtures/osrs/5m_latest_2025-05-26.json";

	static final String ONE_HOUR = "fixtures/osrs/1h_1748242800.json";

	static final String OAK_PLANK_TIMESERIES = "fixtures/osrs/timeseries_v1_1h_item8778_2022-06.json";

	static final int OAK_PLANK = 8778;

	static final Instant IMPORTED_AT = Instant.parse("2025-05-26T07:00:00Z");

	private static final ObjectMapper json = new ObjectMapper();

	private PriceHistoryFixtures() {
	}

	/** A {@code /5m} or {@code /1h} answer as the poller records it. */
	static VolumeWindowObservedEvent volumeWindow(String resource, Timestep timestep) {
		JsonNode body = read(resource);
		List<WindowAverage> items = new ArrayList<>();
		Iterator<Map.Entry<String, JsonNode>> fields = body.get("data").fields();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			JsonNode row = field.getValue();
			items.add(new WindowAverage(Integer.parseInt(field.getKey()), nullableLong(row, "avgHighPrice"),
					row.get("highPriceVolume").asLong(), nullableLong(row, "avgLowPrice"),
					row.get("lowPriceVolume").asLong()));
		}
		items.sort(Comparator.comparingInt(WindowAverage::itemId));
		return new VolumeWindowObservedEvent(timestep, Instant.ofEpochSecond(body.get("timestamp").asLong()), items);
	}

	/** The Oak plank {@code /timeseries?timestep=1h} answer: 300 points of June 2022. */
	static List<HistoryPoint> oakPlankPoints() {
		List<HistoryPoint> points = new ArrayList<>();
		for (JsonNode row : read(OAK_PLANK_TIMESERIES).get("data")) {
			points.add(new HistoryPoint(Instant.ofEpochSecond(row.get("timestamp").asLong()),
					nullableLong(row, "avgHighPrice"), nullableLong(row, "avgLowPrice"),
					row.get("highPriceVolume").asLong(), row.get("lowPriceVolume").asLong()));
		}
		return points;
	}

	/** The Oak plank history as the command side would import it for {@code itemId}. */
	static PriceHistoryImportedEvent oakPlankHistoryAs(int itemId) {
		return new PriceHistoryImportedEvent(itemId, Timestep.ONE_HOUR, IMPORTED_AT, oakPlankPoints());
	}

	private static Long nullableLong(JsonNode row, String field) {
		JsonNode value = row.get(field);
		return (value == null || value.isNull()) ? null : value.asLong();
	}

	private static JsonNode read(String resource) {
		try (InputStream in = PriceHistoryFixtures.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("fixture not on the classpath: " + resource);
			}
			return json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
