package com.gemetrics.command.flip;

import org.springframework.http.HttpStatus;

/** The flip rules a request can break, each with its HTTP status and stable code. */
enum FlipError {

	/** Quantities bought or sold must be at least one. */
	QUANTITY_NOT_POSITIVE(HttpStatus.UNPROCESSABLE_ENTITY, "The quantity must be at least 1."),

	/** Prices per item are 1..2,147,483,647 coins, the Grand Exchange's range. */
	PRICE_OUT_OF_RANGE(HttpStatus.UNPROCESSABLE_ENTITY, "The price per item must be between 1 and 2,147,483,647."),

	/** Quantities are at most 2,147,483,647, the largest stack in the game. */
	QUANTITY_TOO_LARGE(HttpStatus.UNPROCESSABLE_ENTITY, "The quantity must be at most 2,147,483,647."),

	/**
	 * Buys and sales cannot happen after the request arrived (give or take five minutes
	 * of clock skew).
	 */
	TIME_IN_FUTURE(HttpStatus.UNPROCESSABLE_ENTITY, "The time cannot be in the future."),

	/** Buys and sales cannot happen before the Grand Exchange opened on 2013-02-22. */
	TIME_BEFORE_GE_OPENED(HttpStatus.UNPROCESSABLE_ENTITY,
			"The time cannot be before the Grand Exchange opened (2013-02-22T00:00:00Z)."),

	/** A sale cannot happen before the items were bought. */
	SALE_BEFORE_BUY(HttpStatus.UNPROCESSABLE_ENTITY, "The sale cannot be before the buy."),

	/** The sales of a flip never add up to more than was bought. */
	OVERSOLD(HttpStatus.UNPROCESSABLE_ENTITY, "More would be sold than is left of the flip."),

	/** The item is not in the catalogue. */
	UNKNOWN_ITEM(HttpStatus.UNPROCESSABLE_ENTITY, "No such item in the catalogue."),

	/**
	 * Account names are 1..32 letters (A-Z, a-z), digits, spaces, {@code _} or {@code -},
	 * not starting or ending with a space.
	 */
	INVALID_ACCOUNT(HttpStatus.UNPROCESSABLE_ENTITY,
			"The account must be 1 to 32 letters, digits, spaces, '_' or '-', not starting or ending with a space."),

	/** A write-off needs something unsold. */
	NOTHING_TO_WRITE_OFF(HttpStatus.UNPROCESSABLE_ENTITY, "Everything bought is already sold."),

	/**
	 * A written-off flip is closed: no new sales, no further write-off and no correction
	 * that changes a quantity (prices and times may still be corrected).
	 */
	FLIP_CLOSED(HttpStatus.UNPROCESSABLE_ENTITY, "The flip is closed: its rest was written off."),

	/** The flip does not exist, or belongs to someone else (who cannot tell which). */
	FLIP_NOT_FOUND(HttpStatus.NOT_FOUND, "No such flip."),

	/** The flip has no sale with that id. */
	SALE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such sale in this flip."),

	/** Someone else changed the flip at the same moment; the request may be repeated. */
	FLIP_CONFLICT(HttpStatus.CONFLICT, "The flip was changed at the same time; try again.");

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
