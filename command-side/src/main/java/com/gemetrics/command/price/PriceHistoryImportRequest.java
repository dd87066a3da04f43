package com.gemetrics.command.price;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Asks for an item's {@code /timeseries} to be imported.
 *
 * @param itemId the item id
 * @param timestep {@code 5m} or {@code 1h}
 */
record PriceHistoryImportRequest(@NotNull @Positive Integer itemId, @NotBlank String timestep) {
}
