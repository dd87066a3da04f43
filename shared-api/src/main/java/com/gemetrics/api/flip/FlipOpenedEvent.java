package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/** A fact that a user bought an item in some quantity at a price per item. */
@Revision("1")
public record FlipOpenedEvent(FlipId flipId, UserId userId, String account, int itemId, long quantity,
		long pricePerItem, Instant boughtAt) {
}
