package com.gemetrics.command.price;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.WindowAverage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OsrsResponseParserTest {

	static final Instant NOW = Instant.parse("2025-05-26T08:00:00Z");

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final OsrsResponseParser parser = new OsrsResponseParser(
			new PollerMetrics(this.registry, Clock.fixed(NOW, ZoneOffset.UTC)));

	@Test
	void parsesEveryRecordedLatestQuoteKeepingNulls() {
		JsonNode fixture = OsrsFixtures.tree(OsrsFixtures.LATEST);

		List<PriceQuote> quotes = this.parser.latest(fixture, NOW);

		assertThat(quotes).hasSize(fixture.get("data").size());
		assertThat(quotes).filteredOn((quote) -> quote.high() == null).allMatch((quote) -> quote.highTime() == null);
		assertThat(quotes).anyMatch((quote) -> quote.high() == null).anyMatch((quote) -> quote.low() == null);
		assertThat(quotes).extracting(PriceQuote::high).doesNotContain(0L);
		assertThat(quotes.get(0)).isEqualTo(
				new PriceQuote(2, 193L, Instant.ofEpochSecond(1748242917), 188L, Instant.ofEpochSecond(1748242930)));
		assertThat(dropped()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5", "0", "2147483648", "9223372036854775807", "1.5", "\"193\"", "true", "{}" })
	void dropsABadHighSideButKeepsTheLowSide(String badHigh) {
		JsonNode body = json("{\"data\":{\"2\":{\"high\":" + badHigh
				+ ",\"highTime\":1748242917,\"low\":188,\"lowTime\":1748242930}}}");

		List<PriceQuote> quotes = this.parser.latest(body, NOW);

		assertThat(quotes).containsExactly(new PriceQuote(2, null, null, 188L, Instant.ofEpochSecond(1748242930)));
		assertThat(dropped()).isEqualTo(1);
	}

	@Test
	void acceptsThePriceCapAndToleratesExtraAndMissingFields() {
		JsonNode body = json("{\"data\":{\"20997\":{\"high\":2147483647,\"highTime\":1748242917,\"surprise\":1},"
				+ "\"21\":{\"low\":5}},\"extra\":true}");

		assertThat(this.parser.latest(body, NOW)).containsExactly(
				new PriceQuote(20997, 2147483647L, Instant.ofEpochSecond(1748242917), null, null),
				new PriceQuote(21, null, null, 5L, null));
	}

	@Test
	void dropsEntriesWithBadIdsOrBothSidesBad() {
		JsonNode body = json("{\"data\":{\"abc\":{\"high\":1},\"-4\":{\"high\":1},\"7\":[1],"
				+ "\"8\":{\"high\":-1,\"low\":-1},\"9\":{\"high\":10,\"highTime\":99999999999}, \"10\":{\"high\":3}}}");

		assertThat(this.parser.latest(body, NOW)).containsExactly(new PriceQuote(10, 3L, null, null, null));
		assertThat(dropped()).isEqualTo(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "{}", "{\"data\":{}}", "{\"data\":[]}", "{\"data\":null}", "\"text\"",
			"{\"data\":{\"2\":{\"high\":-1,\"low\":0}}}" })
	void rejectsAWhollyBadLatestResponse(String body) {
		assertThatThrownBy(() -> this.parser.latest(json(body), NOW)).isInstanceOf(OsrsApiException.class);
	}

	@Test
	void parsesTheRecordedCatalogue() {
		JsonNode fixture = OsrsFixtures.tree(OsrsFixtures.MAPPING);

		List<CatalogItem> items = this.parser.mapping(fixture);

		assertThat(items).hasSize(fixture.size());
		assertThat(items).anyMatch((item) -> item.limit() == null).anyMatch((item) -> item.highAlch() == null);
		assertThat(items).filteredOn((item) -> item.id() == 10344)
			.containsExactly(new CatalogItem(10344, "3rd age amulet",
					"Fabulously ancient mage protection enchanted in the 3rd Age.", true, 8, 20200, 30300, 50500,
					"3rd age amulet.png"));
	}

	@Test
	void dropsBadCatalogueEntries() {
		JsonNode body = json("[{\"id\":1,\"name\":\"A\",\"members\":false},{\"id\":0,\"name\":\"B\",\"members\":false},"
				+ "{\"id\":2,\"members\":true},{\"id\":3,\"name\":\"C\",\"members\":true,\"limit\":-1},"
				+ "{\"id\":1,\"name\":\"dup\",\"members\":true}]");

		assertThat(this.parser.mapping(body))
			.containsExactly(new CatalogItem(1, "A", null, false, null, null, null, null, null));
		assertThat(dropped()).isEqualTo(4);
	}

	@Test
	void parsesTheRecordedWindows() {
		JsonNode fiveMinute = OsrsFixtures.tree(OsrsFixtures.FIVE_MINUTE);
		JsonNode oneHour = OsrsFixtures.tree(OsrsFixtures.ONE_HOUR);

		WindowSnapshot five = this.parser.window(fiveMinute, Timestep.FIVE_MINUTES, NOW);
		WindowSnapshot hour = this.parser.window(oneHour, Timestep.ONE_HOUR, NOW);

		assertThat(five.bucketStart()).isEqualTo(Instant.ofEpochSecond(fiveMinute.get("timestamp").longValue()));
		assertThat(five.items()).hasSize(fiveMinute.get("data").size());
		assertThat(five.items()).anyMatch((item) -> item.avgHighPrice() == null);
		assertThat(hour.bucketStart()).isEqualTo(Instant.ofEpochSecond(1748239200));
		assertThat(hour.items()).hasSize(oneHour.get("data").size());
	}

	@Test
	void dropsBadWindowEntries() {
		JsonNode body = json("{\"timestamp\":1748242500,\"data\":{"
				+ "\"2\":{\"avgHighPrice\":190,\"highPriceVolume\":10,\"avgLowPrice\":null,\"lowPriceVolume\":0},"
				+ "\"3\":{\"avgHighPrice\":-1,\"highPriceVolume\":10,\"avgLowPrice\":5,\"lowPriceVolume\":1},"
				+ "\"4\":{\"avgHighPrice\":5,\"highPriceVolume\":-10,\"avgLowPrice\":5,\"lowPriceVolume\":1},"
				+ "\"5\":{\"avgHighPrice\":5,\"avgLowPrice\":5,\"lowPriceVolume\":1}}}");

		WindowSnapshot window = this.parser.window(body, Timestep.FIVE_MINUTES, NOW);

		assertThat(window.items()).containsExactly(new WindowAverage(2, 190L, 10, null, 0));
		assertThat(dropped()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"data\":{\"2\":{\"highPriceVolume\":1,\"lowPriceVolume\":1}}}",
			"{\"timestamp\":1748242501,\"data\":{\"2\":{\"highPriceVolume\":1,\"lowPriceVolume\":1}}}",
			"{\"timestamp\":1900000200,\"data\":{\"2\":{\"highPriceVolume\":1,\"lowPriceVolume\":1}}}",
			"{\"timestamp\":1748242500,\"data\":{}}" })
	void rejectsAWindowWithoutAUsableTimestampOrEntries(String body) {
		assertThatThrownBy(() -> this.parser.window(json(body), Timestep.FIVE_MINUTES, NOW))
			.isInstanceOf(OsrsApiException.class);
	}

	@Test
	void parsesTheRecordedTimeseriesOldestFirst() {
		JsonNode fixture = OsrsFixtures.tree(OsrsFixtures.TIMESERIES_1H_8778);

		List<HistoryPoint> points = this.parser.timeseries(fixture, Timestep.ONE_HOUR, NOW);

		assertThat(points).hasSize(fixture.get("data").size());
		assertThat(points).isSortedAccordingTo((a, b) -> a.timestamp().compareTo(b.timestamp()));
		assertThat(points.get(0))
			.isEqualTo(new HistoryPoint(Instant.ofEpochSecond(1654056000), 442L, 434L, 96211, 20095));
	}

	@Test
	void dropsBadTimeseriesPointsAndAcceptsNoHistory() {
		ObjectNode body = (ObjectNode) json("{\"data\":[{\"timestamp\":1654056000,\"avgHighPrice\":0,"
				+ "\"avgLowPrice\":1,\"highPriceVolume\":1,\"lowPriceVolume\":1},{\"timestamp\":1654056001,"
				+ "\"avgHighPrice\":2,\"avgLowPrice\":1,\"highPriceVolume\":1,\"lowPriceVolume\":1},{\"timestamp\":1654059600,"
				+ "\"avgHighPrice\":null,\"avgLowPrice\":1,\"highPriceVolume\":0,\"lowPriceVolume\":4}]}");

		assertThat(this.parser.timeseries(body, Timestep.ONE_HOUR, NOW))
			.containsExactly(new HistoryPoint(Instant.ofEpochSecond(1654059600), null, 1L, 0, 4));
		assertThat(this.parser.timeseries(json("{\"data\":[]}"), Timestep.ONE_HOUR, NOW)).isEmpty();
		assertThatThrownBy(
				() -> this.parser.timeseries(json("{\"data\":[{\"timestamp\":-1}]}"), Timestep.ONE_HOUR, NOW))
			.isInstanceOf(OsrsApiException.class);
	}

	private double dropped() {
		return this.registry.find(PollerMetrics.DROPPED).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private static JsonNode json(String text) {
		try {
			return OsrsFixtures.JSON.readTree(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
