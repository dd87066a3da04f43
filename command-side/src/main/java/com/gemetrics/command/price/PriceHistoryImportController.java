package com.gemetrics.command.price;

import com.gemetrics.api.price.Timestep;
import com.gemetrics.platform.web.ApiException;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal endpoint for the query side: import an item's price history from
 * {@code /timeseries} the first time it is asked for.
 */
@RestController
@RequestMapping("/internal/v1/price-history-imports")
class PriceHistoryImportController {

	private final PriceHistoryImporter importer;

	PriceHistoryImportController(PriceHistoryImporter importer) {
		this.importer = importer;
	}

	@PostMapping
	PriceHistoryImportResponse importHistory(@Valid @RequestBody PriceHistoryImportRequest request) {
		Timestep timestep = Timestep.fromCode(request.timestep());
		if (timestep == null) {
			throw ApiException.badRequest("UNKNOWN_TIMESTEP", "timestep must be 5m or 1h.");
		}
		return this.importer.importHistory(request.itemId(), timestep);
	}

}
