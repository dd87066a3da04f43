package com.gemetrics.api.flip;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One flip with its sales: the {@link FlipView} fields (totals: {@code profit} after tax,
 * {@code openQuantity}, {@code status}) and {@code sales}, oldest first.
 *
 * @param flip the flip and its totals
 * @param sales its sales, and its write-off if any
 */
public record FlipDetailView(@JsonUnwrapped FlipView flip, List<SaleView> sales) {

	/**
	 * One sale, or the write-off of the unsold rest.
	 *
	 * @param saleId the sale id ({@code write-off} for a write-off)
	 * @param type {@code sale} or {@code write-off}
	 * @param quantity items sold
	 * @param price price per item before tax (0 for a write-off)
	 * @param taxPerItem GE tax per item under the rule in force at {@code soldAt}
	 * @param tax {@code quantity × taxPerItem}
	 * @param profit {@code quantity × (price − taxPerItem − buyPrice)}
	 * @param soldAt when
	 */
	public record SaleView(String saleId, String type, long quantity, long price, long taxPerItem, long tax,
			long profit, Instant soldAt) {
	}

}
