package com.gemetrics.command.price;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The recorded OSRS Wiki responses that the {@code devstack} jar ships under
 * {@code fixtures/osrs/}, and copies of them edited for a test.
 */
final class OsrsFixtures {

	static final String LATEST = "latest_2025-05-26.json";

	static final String MAPPING = "mapping_2025-05-23.json";

	static final String FIVE_MINUTE = "5m_latest_2025-05-26.json";

	static final String ONE_HOUR = "1h_1748242800.json";

	static final String TIMESERIES_1H_8778 = "timeseries_v1_1h_item8778_2022-06.json";

	static final ObjectMapper JSON = new ObjectMapper();

	private OsrsFixtures() {
	}

	static byte[] bytes(String name) {
		try (InputStream in = OsrsFixtures.class.getClassLoader().getResourceAsStream("fixtures/osrs/" + name)) {
			if (in == null) {
				throw new IllegalStateException("fixture not on the classpath: " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode tree(String name) {
		try {
			return JSON.readTree(bytes(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode parse(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A deep copy of the fixture, to edit. */
	static ObjectNode editable(String name) {
		return (ObjectNode) tree(name).deepCopy();
	}

	static String write(JsonNode node) {
		try {
			return JSON.writeValueAsString(node);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The ids under {@code data} of a {@code /latest}, {@code /5m} or {@code /1h}
	 * fixture.
	 */
	static List<Integer> dataIds(String name) {
		List<Integer> ids = new ArrayList<>();
		Iterator<String> names = tree(name).get("data").fieldNames();
		names.forEachRemaining((id) -> ids.add(Integer.valueOf(id)));
		return ids;
	}

}
