package com.gemetrics.command.flip;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The bodies of the flip endpoints. Only the shape is checked here; the business rules
 * (positive quantities, price range, times, overselling) are the aggregate's and answer
 * 422 with a code.
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
	 * @param account the OSRS account; the default one when absent
	 */
	record OpenFlipRequest(@NotNull Integer itemId, @NotNull Long quantity, @NotNull Long price,
			@NotNull Instant boughtAt, @Size(min = 1, max = 64) @Pattern(regexp = "\\S(.*\\S)?") String account) {
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
	 * What a create answers.
	 *
	 * @param id the new resource's id
	 */
	record CreatedResponse(String id) {
	}

}
