package com.gemetrics.api.flip;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One flip as the journal shows it.
 *
 * @param id the flip id
 * @param account the OSRS account it was bought on
 * @param itemId the item
 * @param itemName the item's name from the catalogue ({@code null} if unknown)
 * @param status {@code open} while items are left, {@code closed} once everything was
 * sold or written off
 * @param quantity items bought
 * @param buyPrice price paid per item
 * @param boughtAt when
 * @param soldQuantity items sold
 * @param writtenOffQuantity items written off
 * @param openQuantity items still held
 * @param cost {@code quantity × buyPrice}
 * @param revenue sum of the sales' {@code quantity × price}, before tax (exact: a flip
 * stored before the bounds of {@code GeLimits} may exceed a {@code long})
 * @param tax GE tax paid on the sales
 * @param profit realized profit after tax: sum of the sales' (and write-off's) profit
 * @param lastSaleAt the latest sale, or {@code null}
 * @param closedAt when the last item was sold or written off, or {@code null} while open
 */
public record FlipView(String id, String account, int itemId, String itemName, String status, long quantity,
		long buyPrice, Instant boughtAt, long soldQuantity, long writtenOffQuantity, long openQuantity, long cost,
		BigInteger revenue, BigInteger tax, BigInteger profit, Instant lastSaleAt, Instant closedAt) {
}
