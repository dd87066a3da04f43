package com.gemetrics.query.items;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.gemetrics.api.item.FindItemQuery;
import com.gemetrics.api.item.ItemPage;
import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.api.item.ListItemsQuery;
import com.gemetrics.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The items API. The unfiltered list and known items are normally answered by
 * {@link ItemsFastPathFilter} before they get here; this controller answers filtered
 * pages through the {@link QueryGateway}, unknown ids, and the unfiltered list while no
 * snapshot exists.
 */
@RestController
@RequestMapping(path = ItemsFastPathFilter.LIST_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Items", description = "Every tradeable item with latest prices, margin after GE tax, ROI and volumes. "
		+ "Price data: OSRS Wiki real-time prices API (CC BY-NC-SA 3.0).")
class ItemsController {

	private final QueryGateway queryGateway;

	private final ItemsSnapshots snapshots;

	private final ItemsProperties properties;

	private final CacheControl cacheControl;

	ItemsController(QueryGateway queryGateway, ItemsSnapshots snapshots, ItemsProperties properties) {
		this.queryGateway = queryGateway;
		this.snapshots = snapshots;
		this.properties = properties;
		this.cacheControl = CacheControl.maxAge(properties.cacheMaxAge()).cachePublic();
	}

	@GetMapping
	@Operation(summary = "List items",
			description = "Without query parameters: every item as a JSON array, pre-serialized, gzip when accepted, "
					+ "with an ETag (If-None-Match gives 304). With any parameter: one page of the filtered, sorted "
					+ "items with a cursor to the next page. Numeric sorts put missing values last.")
	@ApiResponse(responseCode = "200", description = "All items (no parameters) or a page (any parameter)",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(oneOf = { ItemView[].class, ItemPage.class })))
	@ApiResponse(responseCode = "304", description = "The client's copy (If-None-Match) is current")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ResponseEntity<?> list(
			@Parameter(description = "Only members (true) or free-to-play (false) items") @RequestParam(
					required = false) Boolean members,
			@Parameter(description = "Case-insensitive part of the name") @RequestParam(required = false) String name,
			@Parameter(description = "Lowest instant-buy price") @RequestParam(required = false) Long minPrice,
			@Parameter(description = "Highest instant-buy price") @RequestParam(required = false) Long maxPrice,
			@Parameter(description = "Lowest 1-hour volume") @RequestParam(required = false) Long minVolume,
			@Parameter(description = "Highest 1-hour volume") @RequestParam(required = false) Long maxVolume,
			@Parameter(description = "Sort key",
					schema = @Schema(allowableValues = { "margin", "roi", "volume", "profitPerLimit", "id", "name" },
							defaultValue = "id")) @RequestParam(required = false) String sort,
			@Parameter(description = "Direction; defaults to asc for id and name, desc otherwise",
					schema = @Schema(allowableValues = { "asc", "desc" })) @RequestParam(required = false) String order,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "Page size, 1 to 500",
					schema = @Schema(defaultValue = "50")) @RequestParam(required = false) Integer limit,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) String ifNoneMatch,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING,
					required = false) String acceptEncoding) {
		if (members == null && name == null && minPrice == null && maxPrice == null && minVolume == null
				&& maxVolume == null && sort == null && order == null && cursor == null && limit == null) {
			return wholeList(ifNoneMatch, acceptEncoding);
		}
		ItemSort itemSort = sort(sort);
		boolean descending = descending(order, itemSort);
		int pageSize = (limit != null) ? limit : this.properties.defaultPageSize();
		if (pageSize < 1 || pageSize > this.properties.maxPageSize()) {
			throw ApiException.badRequest("INVALID_LIMIT",
					"limit must be between 1 and " + this.properties.maxPageSize() + ".");
		}
		range("price", minPrice, maxPrice);
		range("volume", minVolume, maxVolume);
		if (cursor != null) {
			ItemCursor.decode(cursor, itemSort, descending);
		}
		String nameFilter = (name != null && !name.isBlank()) ? name.trim() : null;
		ItemPage page = join(
				this.queryGateway.query(new ListItemsQuery(members, nameFilter, minPrice, maxPrice, minVolume,
						maxVolume, itemSort, descending, cursor, pageSize), ResponseTypes.instanceOf(ItemPage.class)));
		return ResponseEntity.ok().cacheControl(this.cacheControl).body(page);
	}

	@GetMapping("/{itemId}")
	@Operation(summary = "One item",
			description = "Times are ISO-8601 UTC; a figure that needs a missing price is null.")
	@ApiResponse(responseCode = "200", description = "The item",
			content = @Content(schema = @Schema(implementation = ItemView.class)))
	@ApiResponse(responseCode = "400", description = "The id is not a number",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	@ApiResponse(responseCode = "404", description = "No item has this id",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ResponseEntity<ItemView> one(@PathVariable int itemId) {
		ItemView view = join(
				this.queryGateway.query(new FindItemQuery(itemId), ResponseTypes.optionalInstanceOf(ItemView.class)))
			.orElseThrow(() -> ApiException.notFound("ITEM_NOT_FOUND", "No item has id " + itemId + "."));
		return ResponseEntity.ok().cacheControl(this.cacheControl).body(view);
	}

	private ResponseEntity<byte[]> wholeList(String ifNoneMatch, String acceptEncoding) {
		ItemsSnapshot snapshot = this.snapshots.currentOrLoad();
		if (snapshot == null) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ITEMS_UNAVAILABLE",
					"The item list cannot be read right now.");
		}
		boolean gzip = ItemsHttp.acceptsGzip(acceptEncoding);
		String etag = gzip ? snapshot.gzipEtag() : snapshot.etag();
		if (ItemsHttp.etagMatches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(etag)
				.cacheControl(this.cacheControl)
				.varyBy(HttpHeaders.ACCEPT_ENCODING)
				.build();
		}
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.eTag(etag)
			.cacheControl(this.cacheControl)
			.varyBy(HttpHeaders.ACCEPT_ENCODING);
		if (gzip) {
			ok.header(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		return ok.body(gzip ? snapshot.gzip() : snapshot.json());
	}

	private static ItemSort sort(String sort) {
		if (sort == null) {
			return ItemSort.ID;
		}
		return switch (sort) {
			case "margin" -> ItemSort.MARGIN;
			case "roi" -> ItemSort.ROI;
			case "volume" -> ItemSort.VOLUME;
			case "profitPerLimit" -> ItemSort.PROFIT_PER_LIMIT;
			case "id" -> ItemSort.ID;
			case "name" -> ItemSort.NAME;
			default -> throw ApiException.badRequest("INVALID_SORT",
					"sort must be one of margin, roi, volume, profitPerLimit, id, name.");
		};
	}

	private static boolean descending(String order, ItemSort sort) {
		if (order == null) {
			return sort != ItemSort.ID && sort != ItemSort.NAME;
		}
		return switch (order.toLowerCase(Locale.ROOT)) {
			case "asc" -> false;
			case "desc" -> true;
			default -> throw ApiException.badRequest("INVALID_ORDER", "order must be asc or desc.");
		};
	}

	private static void range(String what, Long min, Long max) {
		if ((min != null && min < 0) || (max != null && max < 0)) {
			throw ApiException.badRequest("INVALID_RANGE", "The " + what + " bounds cannot be negative.");
		}
		if (min != null && max != null && min > max) {
			throw ApiException.badRequest("INVALID_RANGE", "The lowest " + what + " is above the highest.");
		}
	}

	/**
	 * The query's result; an {@link ApiException} thrown by the handler is rethrown as
	 * is.
	 */
	static <T> T join(CompletableFuture<T> result) {
		try {
			return result.join();
		}
		catch (CompletionException ex) {
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof ApiException api) {
					throw api;
				}
			}
			throw ex;
		}
	}

}
