package com.gemetrics.command.flip;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;

/**
 * The bodies of the flip endpoints. Only the shape is checked here; the business rules
 * (positive quantities, price range, times, overselling, account names) are the
 * aggregate's and answer 422 with a code.
 */
final class FlipRequests {

	private FlipRequests() {
	}

	/**
	 * Opens a flip.
	 *
	 * @param itemId the item bought
	 * @param quantity how many
	 * @param price the price per item
	 * @param boughtAt when
	 * @param account the OSRS account; {@code "default"} when absent
	 */
	record OpenFlipRequest(@NotNull Integer itemId, @NotNull Long quantity, @NotNull Long price,
			@NotNull Instant boughtAt, String account) {
	}

	/**
	 * Records a sale.
	 *
	 * @param quantity how many were sold
	 * @param price the price per item before tax
	 * @param soldAt when
	 */
	record RecordSaleRequest(@NotNull Long quantity, @NotNull Long price, @NotNull Instant soldAt) {
	}

	/**
	 * Corrects a flip's buy.
	 *
	 * @param quantity how many were bought
	 * @param price the price per item
	 * @param boughtAt when
	 */
	record CorrectBuyRequest(@NotNull Long quantity, @NotNull Long price, @NotNull Instant boughtAt) {
	}

	/**
	 * Corrects a sale.
	 *
	 * @param quantity how many were sold
	 * @param price the price per item before tax
	 * @param soldAt when
	 */
	record CorrectSaleRequest(@NotNull Long quantity, @NotNull Long price, @NotNull Instant soldAt) {
	}

	/**
	 * What a flip command answers.
	 *
	 * @param id the id of what was written: the flip, or the sale
	 * @param consistencyToken {@code flip.<flipId>.<sequence>}: pass it to the query side
	 * (header {@code X-Consistency-Token}) to read this write
	 */
	record CommandResponse(String id, String consistencyToken) {
	}

	/**
	 * What an import answers.
	 *
	 * @param imported rows that became new flips
	 * @param skipped rows imported before (same {@code external_id}), left as they are
	 * @param consistencyToken the token of the last new flip, or {@code null} if none
	 * @param flips every row, in file order
	 */
	record ImportResponse(int imported, int skipped, String consistencyToken, List<ImportedFlip> flips) {
	}

	/**
	 * One row of an import.
	 *
	 * @param line its line in the file
	 * @param externalId its {@code external_id}
	 * @param id the flip it is
	 * @param status {@code IMPORTED} or {@code SKIPPED}
	 * @param consistencyToken the flip's last event
	 */
	record ImportedFlip(long line, String externalId, String id, String status, String consistencyToken) {
	}

}
