package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/** A fact that some of a flip's items were sold at a price per item (before tax). */
@Revision("1")
public record FlipSaleRecordedEvent(FlipId flipId, UserId userId, String saleId, long quantity, long pricePerItem,
		Instant soldAt) {
}
