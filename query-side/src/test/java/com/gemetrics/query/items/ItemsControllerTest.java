package com.gemetrics.query.items;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.item.FindItemQuery;
import com.gemetrics.api.item.ItemPage;
import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.api.item.ListItemsQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ItemsController.class)
@Import({ ItemsWebConfig.class, ItemsControllerTest.Metrics.class })
class ItemsControllerTest {

	private static final ItemView WHIP = new ItemView(4151, "Abyssal whip", true, 70, 72000, 48000, 120001,
			"Abyssal whip.png", 1_716_616L, Instant.parse("2025-05-26T07:00:59Z"), 1_700_000L,
			Instant.parse("2025-05-26T07:01:31Z"), 17_166L, -550L, -550.0 / 1_700_000, -38_500L, -1_628_115L, 42L, 400L,
			false);

	private static final ItemView NO_PRICES = new ItemView(2660, null, false, null, null, null, null, null, null, null,
			null, null, null, null, null, null, null, null, null, false);

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper objectMapper;

	@MockitoBean
	QueryGateway queryGateway;

	@MockitoBean
	ItemsSnapshots snapshots;

	ItemsSnapshot snapshot;

	@BeforeEach
	void holdASnapshot() {
		ItemsCodec codec = new ItemsCodec(this.objectMapper);
		this.snapshot = ItemsSnapshot.of(codec.canonical(List.of(NO_PRICES, WHIP), "2/1"), false, "test", Instant.EPOCH,
				codec);
		given(this.snapshots.current()).willReturn(this.snapshot);
		given(this.snapshots.currentOrLoad()).willReturn(this.snapshot);
	}

	@Test
	void servesTheWholeListGzipFromTheSnapshotWithoutTheGateway() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/items").header(HttpHeaders.ACCEPT_ENCODING, "gzip, br"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_ENCODING, "gzip"))
			.andExpect(header().string(HttpHeaders.ETAG, this.snapshot.gzipEtag()))
			.andExpect(header().string(HttpHeaders.VARY, "Accept-Encoding"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=5, public"))
			.andReturn();
		assertThat(gunzip(result.getResponse().getContentAsByteArray())).isEqualTo(this.snapshot.json());
		verifyNoInteractions(this.queryGateway);
	}

	@Test
	void servesPlainJsonWhenGzipIsNotAccepted() throws Exception {
		this.mvc.perform(get("/api/v1/items").header(HttpHeaders.ACCEPT_ENCODING, "gzip;q=0, identity"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(HttpHeaders.CONTENT_ENCODING))
			.andExpect(header().string(HttpHeaders.ETAG, this.snapshot.etag()))
			.andExpect(jsonPath("$[0].id").value(2660))
			.andExpect(jsonPath("$[0].high").doesNotExist())
			.andExpect(jsonPath("$[1].highTime").value("2025-05-26T07:00:59Z"));
	}

	@Test
	void answers304WhenTheClientHasTheList() throws Exception {
		this.mvc.perform(get("/api/v1/items").header(HttpHeaders.IF_NONE_MATCH, this.snapshot.etag()))
			.andExpect(status().isNotModified())
			.andExpect(content().bytes(new byte[0]));
	}

	@Test
	void servesTheWholeListThroughTheControllerWhenTheFastPathHasNoSnapshot() throws Exception {
		given(this.snapshots.current()).willReturn(null);
		this.mvc.perform(get("/api/v1/items").header(HttpHeaders.ACCEPT_ENCODING, "gzip"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_ENCODING, "gzip"))
			.andExpect(header().string(HttpHeaders.ETAG, this.snapshot.gzipEtag()));
		this.mvc.perform(get("/api/v1/items").header(HttpHeaders.IF_NONE_MATCH, this.snapshot.etag()))
			.andExpect(status().isNotModified());
	}

	@Test
	void answers503WhenNoSnapshotCanBeBuilt() throws Exception {
		given(this.snapshots.current()).willReturn(null);
		given(this.snapshots.currentOrLoad()).willReturn(null);
		this.mvc.perform(get("/api/v1/items"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.code").value("ITEMS_UNAVAILABLE"));
	}

	@Test
	void servesOneItemFromTheSnapshot() throws Exception {
		this.mvc.perform(get("/api/v1/items/4151"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, this.snapshot.itemEtag(4151)))
			.andExpect(jsonPath("$.name").value("Abyssal whip"))
			.andExpect(jsonPath("$.lowTime").value("2025-05-26T07:01:31Z"))
			.andExpect(jsonPath("$.stale").value(false));
		verifyNoInteractions(this.queryGateway);
	}

	@Test
	void asksTheGatewayForAnItemNotInTheSnapshotAndAnswers404() throws Exception {
		given(this.queryGateway.query(any(FindItemQuery.class), any(ResponseType.class)))
			.willReturn(CompletableFuture.completedFuture(Optional.empty()));
		this.mvc.perform(get("/api/v1/items/99999"))
			.andExpect(status().isNotFound())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
			.andExpect(jsonPath("$.code").value("ITEM_NOT_FOUND"));
	}

	@Test
	void refusesANonNumericId() throws Exception {
		this.mvc.perform(get("/api/v1/items/whip"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
	}

	@Test
	void asksTheGatewayForAFilteredPage() throws Exception {
		given(this.queryGateway.query(any(ListItemsQuery.class), any(ResponseType.class)))
			.willReturn(CompletableFuture.completedFuture(new ItemPage(List.of(WHIP), "next", 7)));
		this.mvc
			.perform(get("/api/v1/items?members=true&name={name}&minPrice=10&maxPrice=2000000&minVolume=1"
					+ "&maxVolume=500&sort=profitPerLimit&limit=1", " whip "))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(4151))
			.andExpect(jsonPath("$.nextCursor").value("next"))
			.andExpect(jsonPath("$.total").value(7));
		ArgumentCaptor<ListItemsQuery> query = ArgumentCaptor.forClass(ListItemsQuery.class);
		verify(this.queryGateway).query(query.capture(), any(ResponseType.class));
		assertThat(query.getValue()).isEqualTo(
				new ListItemsQuery(true, "whip", 10L, 2_000_000L, 1L, 500L, ItemSort.PROFIT_PER_LIMIT, true, null, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=0", "limit=-3", "limit=501", "limit=ten", "sort=price", "order=up",
			"minPrice=5&maxPrice=4", "minVolume=-1", "cursor=%21%21", "members=maybe" })
	void refusesBadParameters(String query) throws Exception {
		this.mvc.perform(get("/api/v1/items?" + query))
			.andExpect(status().isBadRequest())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
			.andExpect(jsonPath("$.code").isNotEmpty());
		verifyNoInteractions(this.queryGateway);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	private static byte[] gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

}
