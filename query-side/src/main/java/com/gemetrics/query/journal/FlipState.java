package com.gemetrics.query.journal;

import java.util.UUID;

/**
 * What the projection needs to know of a stored flip to apply its next event.
 *
 * @param flipId the flip
 * @param userId its owner
 * @param account the OSRS account it was bought on
 * @param itemId the item
 * @param buyPrice the price paid per item (as last corrected)
 * @param version the aggregate sequence number last applied
 */
record FlipState(UUID flipId, UUID userId, String account, int itemId, long buyPrice, long version) {
}
