package com.gemetrics.platform.web;

import java.text.ParseException;
import java.time.Instant;
import java.util.Locale;

import org.springframework.format.Formatter;
import org.springframework.format.datetime.standard.InstantFormatter;

/**
 * Reads {@code Instant} request parameters as Spring does (ISO-8601, or epoch
 * milliseconds), but refuses instants outside the years 1 to 9999: PostgreSQL's
 * {@code timestamptz} cannot hold {@code +999999999-12-31T23:59:59Z}, and a query bound
 * with one failed with a 500. A refused value answers 400 {@code INVALID_PARAMETER}.
 */
final class BoundedInstantFormatter implements Formatter<Instant> {

	static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private final InstantFormatter delegate = new InstantFormatter();

	@Override
	public Instant parse(String text, Locale locale) throws ParseException {
		Instant instant = this.delegate.parse(text, locale);
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw new IllegalArgumentException("An instant must lie in the years 1 to 9999.");
		}
		return instant;
	}

	@Override
	public String print(Instant object, Locale locale) {
		return this.delegate.print(object, locale);
	}

}
