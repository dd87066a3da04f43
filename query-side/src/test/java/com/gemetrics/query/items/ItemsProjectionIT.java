package com.gemetrics.query.items;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.FindItemQuery;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.item.ItemPage;
import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.api.item.ListItemsQuery;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.gemetrics.query.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds {@link ItemsProjection#on} directly and asserts through
 * {@link ItemsQueryHandler}, on the real PostgreSQL and Redis (the projection's state
 * lives there).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = RealInfrastructure.class)
class ItemsProjectionIT {

	private static final Instant MAY_26 = Instant.parse("2025-05-26T07:00:00Z");

	private static final Instant JUNE_1 = Instant.parse("2025-06-01T12:00:00Z");

	private static final int NATURE_RUNE = 561;

	private static final int WHIP = 4151;

	private static final int LOBSTER = 379;

	private static final int FEATHER = 314;

	private static final int BOND = 13190;

	@Autowired
	ItemsProjection projection;

	@Autowired
	ItemsQueryHandler queries;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void startEmpty() {
		this.projection.reset();
		this.projection.on(new ItemCatalogSyncedEvent(MAY_26,
				List.of(item(NATURE_RUNE, "Nature rune", false, 18000, 108),
						item(WHIP, "Abyssal whip", true, 70, 72000), item(LOBSTER, "Lobster", false, 13000, 108),
						item(FEATHER, "Feather", false, 30000, 1), item(BOND, "Old school bond", false, 100, null))));
	}

	@Test
	void derivesTaxMarginRoiAndProfitsUnderTheRuleInForce() {
		this.projection.on(new LatestPricesObservedEvent(MAY_26,
				List.of(quote(NATURE_RUNE, 115L, 110L), quote(WHIP, 1_716_616L, 1_700_000L), quote(LOBSTER, 203L, 197L),
						quote(FEATHER, 3L, 2L), quote(BOND, 13_299_048L, 13_000_000L))));

		ItemView whip = find(WHIP);
		assertThat(whip.tax()).isEqualTo(17_166L);
		assertThat(whip.margin()).isEqualTo(1_716_616L - 1_700_000L - 17_166L);
		assertThat(whip.roi()).isEqualTo((1_716_616.0 - 1_700_000 - 17_166) / 1_700_000);
		assertThat(whip.profitPerLimit()).isEqualTo(whip.margin() * 70);
		assertThat(whip.highAlchProfit()).isEqualTo(72_000L - 1_700_000L - 115L);
		assertThat(find(LOBSTER).tax()).as("1%% rule: taxed, not yet exempt").isEqualTo(2L);
		assertThat(find(FEATHER).tax()).as("untaxed below 100 gp").isZero();
		assertThat(find(BOND).tax()).isZero();
		assertThat(find(BOND).highAlchProfit()).as("no high alch value").isNull();
	}

	@Test
	void restatesEveryItemWhenTheNatureRuneOrTheTaxRuleChanges() {
		this.projection.on(new LatestPricesObservedEvent(MAY_26, List.of(quote(NATURE_RUNE, 115L, 110L),
				quote(WHIP, 1_716_616L, 1_700_000L), quote(LOBSTER, 203L, 197L))));

		this.projection.on(new LatestPricesObservedEvent(JUNE_1, List.of(quote(NATURE_RUNE, 130L, 120L))));

		ItemView whip = find(WHIP);
		assertThat(whip.highAlchProfit()).isEqualTo(72_000L - 1_700_000L - 130L);
		assertThat(whip.tax()).as("2%% rule from 2025-05-29").isEqualTo(34_332L);
		assertThat(find(LOBSTER).tax()).as("exempt since 2025-05-29").isZero();
		assertThat(find(LOBSTER).high()).as("quote kept").isEqualTo(203L);
	}

	@Test
	void keepsIdsMissingFromTheCatalogueAndNullPrices() {
		this.projection.on(new LatestPricesObservedEvent(MAY_26,
				List.of(new PriceQuote(2660, 50_000L, MAY_26, null, null), quote(26247, null, 100_000_000L))));

		ItemView noLow = find(2660);
		assertThat(noLow.name()).isNull();
		assertThat(noLow.high()).isEqualTo(50_000L);
		assertThat(noLow.tax()).isEqualTo(500L);
		assertThat(noLow.low()).isNull();
		assertThat(noLow.margin()).isNull();
		assertThat(noLow.roi()).isNull();
		ItemView noHigh = find(26247);
		assertThat(noHigh.high()).isNull();
		assertThat(noHigh.tax()).isNull();
	}

	@Test
	void setsWindowVolumesAndZeroesItemsThatDidNotTrade() {
		Instant bucket = Instant.parse("2025-05-26T07:35:00Z");
		this.projection.on(new VolumeWindowObservedEvent(Timestep.FIVE_MINUTES, bucket,
				List.of(new WindowAverage(WHIP, 1_716_000L, 12, 1_700_100L, 30),
						new WindowAverage(LOBSTER, null, 0, 197L, 400))));
		this.projection.on(new VolumeWindowObservedEvent(Timestep.ONE_HOUR, bucket.minusSeconds(2100),
				List.of(new WindowAverage(WHIP, 1_716_000L, 100, 1_700_100L, 300))));

		assertThat(find(WHIP).volume5m()).isEqualTo(42L);
		assertThat(find(LOBSTER).volume5m()).isEqualTo(400L);
		assertThat(find(FEATHER).volume5m()).isZero();
		assertThat(find(WHIP).volume1h()).isEqualTo(400L);
		assertThat(find(LOBSTER).volume1h()).isZero();

		this.projection.on(new VolumeWindowObservedEvent(Timestep.FIVE_MINUTES, bucket.plusSeconds(300),
				List.of(new WindowAverage(FEATHER, 3L, 5, 2L, 5))));
		assertThat(find(WHIP).volume5m()).isZero();
		assertThat(find(FEATHER).volume5m()).isEqualTo(10L);

		this.projection.on(new VolumeWindowObservedEvent(Timestep.FIVE_MINUTES, bucket,
				List.of(new WindowAverage(WHIP, 1_716_000L, 12, 1_700_100L, 30))));
		assertThat(find(WHIP).volume5m()).as("an older bucket is ignored").isZero();
	}

	@Test
	void appliesTheSameEventTwiceWithoutWriting() {
		LatestPricesObservedEvent event = new LatestPricesObservedEvent(MAY_26,
				List.of(quote(NATURE_RUNE, 115L, 110L), quote(WHIP, 1_716_616L, 1_700_000L)));
		this.projection.on(event);
		List<Instant> written = updatedAt();

		this.projection.on(event);

		assertThat(updatedAt()).isEqualTo(written);
		assertThat(find(WHIP).margin()).isEqualTo(1_716_616L - 1_700_000L - 17_166L);
	}

	@Test
	void listsFilteredSortedPagesWithACursor() {
		this.projection.on(new LatestPricesObservedEvent(MAY_26, List.of(quote(NATURE_RUNE, 115L, 110L),
				quote(WHIP, 1_716_616L, 1_700_000L), quote(LOBSTER, 203L, 197L), quote(FEATHER, 3L, 2L))));

		ItemPage first = this.queries
			.handle(new ListItemsQuery(null, null, null, null, null, null, ItemSort.MARGIN, true, null, 2));
		assertThat(first.total()).isEqualTo(5);
		assertThat(first.items()).extracting(ItemView::id)
			.as("margins 4, 4 (by id)")
			.containsExactly(LOBSTER, NATURE_RUNE);
		ItemPage second = this.queries.handle(
				new ListItemsQuery(null, null, null, null, null, null, ItemSort.MARGIN, true, first.nextCursor(), 2));
		assertThat(second.items()).extracting(ItemView::id).as("margins 1, -550").containsExactly(FEATHER, WHIP);
		ItemPage last = this.queries.handle(
				new ListItemsQuery(null, null, null, null, null, null, ItemSort.MARGIN, true, second.nextCursor(), 2));
		assertThat(last.items()).extracting(ItemView::id).as("no margin: last").containsExactly(BOND);
		assertThat(last.nextCursor()).isNull();

		ItemPage members = this.queries
			.handle(new ListItemsQuery(false, "r", 3L, 300L, null, null, ItemSort.NAME, false, null, 10));
		assertThat(members.items()).extracting(ItemView::name).containsExactly("Feather", "Lobster", "Nature rune");
	}

	@Test
	void resetEmptiesTheReadModel() {
		this.projection.reset();

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.item_summary", Integer.class)).isZero();
		assertThat(this.queries.handle(new FindItemQuery(WHIP))).isNull();
		assertThat(this.queries
			.handle(new ListItemsQuery(null, null, null, null, null, null, ItemSort.ID, false, null, 10))
			.total()).isZero();
	}

	private ItemView find(int itemId) {
		ItemView view = this.queries.handle(new FindItemQuery(itemId));
		assertThat(view).as("item %d", itemId).isNotNull();
		return view;
	}

	private List<Instant> updatedAt() {
		return this.jdbc.query("SELECT updated_at FROM read.item_summary ORDER BY item_id",
				(rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant());
	}

	private static CatalogItem item(int id, String name, boolean members, Integer limit, Integer highAlch) {
		return new CatalogItem(id, name, name + ".", members, limit, null, highAlch, null, name + ".png");
	}

	private static PriceQuote quote(int id, Long high, Long low) {
		return new PriceQuote(id, high, (high != null) ? MAY_26.minusSeconds(30) : null, low,
				(low != null) ? MAY_26.minusSeconds(20) : null);
	}

}
