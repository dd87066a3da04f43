package com.gemetrics.command.flip;

import org.springframework.http.HttpStatus;

/** The flip rules a request can break, each with its HTTP status and stable code. */
enum FlipError {

	/** Quantities bought or sold must be at least one. */
	QUANTITY_NOT_POSITIVE(HttpStatus.UNPROCESSABLE_ENTITY, "The quantity must be at least 1."),

	/** Prices per item are 1..2,147,483,647 coins, the Grand Exchange's range. */
	PRICE_OUT_OF_RANGE(HttpStatus.UNPROCESSABLE_ENTITY, "The price per item must be between 1 and 2,147,483,647."),

	/** Quantity times price must fit in a {@code long}. */
	TOTAL_OUT_OF_RANGE(HttpStatus.UNPROCESSABLE_ENTITY, "The total value is too large."),

	/** Buys and sales cannot happen after the request arrived. */
	TIME_IN_FUTURE(HttpStatus.UNPROCESSABLE_ENTITY, "The time cannot be in the future."),

	/** A sale cannot happen before the items were bought. */
	SALE_BEFORE_BUY(HttpStatus.UNPROCESSABLE_ENTITY, "The sale cannot be before the buy."),

	/** The sales of a flip never add up to more than was bought. */
	OVERSOLD(HttpStatus.UNPROCESSABLE_ENTITY, "More would be sold than is left of the flip."),

	/** The item is not in the catalogue. */
	UNKNOWN_ITEM(HttpStatus.UNPROCESSABLE_ENTITY, "No such item in the catalogue."),

	/** The flip does not exist, or belongs to someone else (who cannot tell which). */
	FLIP_NOT_FOUND(HttpStatus.NOT_FOUND, "No such flip.");

	private final HttpStatus status;

	private final String detail;

	FlipError(HttpStatus status, String detail) {
		this.status = status;
		this.detail = detail;
	}

	HttpStatus status() {
		return this.status;
	}

	String detail() {
		return this.detail;
	}

}
