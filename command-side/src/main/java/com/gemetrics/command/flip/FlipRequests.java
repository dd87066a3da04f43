package com.gemetrics.command.flip;

import java.time.Instant;
import java.util.List;

import com.gemetrics.api.price.GeLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The bodies of the flip endpoints. Checked here: presence, and the game's bounds on each
 * value ({@link GeLimits}: quantities 1..2,147,483,647, prices 1..2,147,483,647, times
 * from 2013-02-22T00:00:00Z to now), which answer 400 {@code VALIDATION_FAILED} naming
 * the fields. The aggregate checks the same bounds again, and the rules between values
 * (times, overselling, account names), which answer 422 with a code.
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
	record OpenFlipRequest(@NotNull Integer itemId, @NotNull @Min(1) @Max(GeLimits.MAX_QUANTITY) Long quantity,
			@NotNull @Min(GeLimits.MIN_PRICE) @Max(GeLimits.MAX_PRICE) Long price, @NotNull @TradeTime Instant boughtAt,
			String account) {
	}

	/**
	 * Records a sale.
	 *
	 * @param quantity how many were sold
	 * @param price the price per item before tax
	 * @param soldAt when
	 */
	record RecordSaleRequest(@NotNull @Min(1) @Max(GeLimits.MAX_QUANTITY) Long quantity,
			@NotNull @Min(GeLimits.MIN_PRICE) @Max(GeLimits.MAX_PRICE) Long price, @NotNull @TradeTime Instant soldAt) {
	}

	/**
	 * Corrects a flip's buy.
	 *
	 * @param quantity how many were bought
	 * @param price the price per item
	 * @param boughtAt when
	 */
	record CorrectBuyRequest(@NotNull @Min(1) @Max(GeLimits.MAX_QUANTITY) Long quantity,
			@NotNull @Min(GeLimits.MIN_PRICE) @Max(GeLimits.MAX_PRICE) Long price,
			@NotNull @TradeTime Instant boughtAt) {
	}

	/**
	 * Corrects a sale.
	 *
	 * @param quantity how many were sold
	 * @param price the price per item before tax
	 * @param soldAt when
	 */
	record CorrectSaleRequest(@NotNull @Min(1) @Max(GeLimits.MAX_QUANTITY) Long quantity,
			@NotNull @Min(GeLimits.MIN_PRICE) @Max(GeLimits.MAX_PRICE) Long price, @NotNull @TradeTime Instant soldAt) {
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
