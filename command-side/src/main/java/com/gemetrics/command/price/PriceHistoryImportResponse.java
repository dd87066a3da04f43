package com.gemetrics.command.price;

/**
 * The outcome of an import request.
 *
 * @param itemId the item id
 * @param timestep {@code 5m} or {@code 1h}
 * @param status {@code IMPORTED} by this request, or {@code ALREADY_IMPORTED} earlier
 * @param points how many points the import carried
 */
record PriceHistoryImportResponse(int itemId, String timestep, ImportStatus status, int points) {

	enum ImportStatus {

		IMPORTED, ALREADY_IMPORTED

	}

}
