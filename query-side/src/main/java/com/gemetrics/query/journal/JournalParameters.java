package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.Locale;

import com.gemetrics.api.flip.AccountNames;
import com.gemetrics.api.price.GeLimits;

import com.gemetrics.platform.web.ApiException;
import com.gemetrics.query.consistency.ReadYourWrites;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

/**
 * Checks of the journal endpoints' parameters (each broken one is a 400 with its own
 * code) and the headers every journal answer carries.
 */
final class JournalParameters {

	private JournalParameters() {
	}

	static Integer item(Integer item) {
		if (item != null && item <= 0) {
			throw ApiException.badRequest("INVALID_ITEM_ID", "Parameter 'item' must be a positive item id.");
		}
		return item;
	}

	static String account(String account) {
		if (account == null) {
			return null;
		}
		if (!AccountNames.isValid(account)) {
			throw ApiException.badRequest("INVALID_ACCOUNT",
					"Parameter 'account' must be 1 to " + AccountNames.MAX_LENGTH
							+ " letters, digits, spaces, '_' or '-', not starting or ending with a space.");
		}
		return account;
	}

	/**
	 * A time range: each end between the Grand Exchange's opening and the year 9999
	 * ({@link GeLimits#isValidQueryTime}; {@code INVALID_TIME}), {@code from} before
	 * {@code to} ({@code INVALID_RANGE}). A number is read as epoch milliseconds, so
	 * epoch seconds land in 1970 and are refused here.
	 */
	static void range(Instant from, Instant to) {
		time("from", from);
		time("to", to);
		if (from != null && to != null && !from.isBefore(to)) {
			throw ApiException.badRequest("INVALID_RANGE", "Parameter 'from' must be before 'to'.");
		}
	}

	private static void time(String name, Instant time) {
		if (time != null && !GeLimits.isValidQueryTime(time)) {
			throw ApiException.badRequest("INVALID_TIME", "Parameter '" + name
					+ "' must be an ISO-8601 instant between 2013-02-22T00:00:00Z and 9999-12-31T23:59:59Z.");
		}
	}

	static String status(String status) {
		if (status == null) {
			return null;
		}
		String normalized = status.toLowerCase(Locale.ROOT);
		if (!normalized.equals("open") && !normalized.equals("closed")) {
			throw ApiException.badRequest("INVALID_STATUS", "Parameter 'status' must be open or closed.");
		}
		return normalized;
	}

	static int limit(Integer limit, JournalProperties properties) {
		if (limit == null) {
			return properties.defaultPageSize();
		}
		if (limit < 1 || limit > properties.maxPageSize()) {
			throw ApiException.badRequest("INVALID_LIMIT",
					"Parameter 'limit' must be between 1 and " + properties.maxPageSize() + ".");
		}
		return limit;
	}

	/** The cursor as sent, once checked with {@link #after(String)}. */
	static String cursor(String cursor) {
		after(cursor);
		return cursor;
	}

	/**
	 * The keyset position a {@code cursor} names: {@code null} for the first page, a 400
	 * when it is not one this server issued.
	 */
	static FlipCursor after(String cursor) {
		if (cursor == null) {
			return null;
		}
		return FlipCursor.decode(cursor)
			.orElseThrow(() -> ApiException.badRequest("INVALID_CURSOR", "Parameter 'cursor' is not a valid cursor."));
	}

	/**
	 * 200 with the body, never cached, flagged stale when the consistency wait ran out.
	 */
	static <T> ResponseEntity<T> answer(T body, boolean stale) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().cacheControl(CacheControl.noStore());
		if (stale) {
			response.header(ReadYourWrites.STALE_HEADER, "true");
		}
		return response.body(body);
	}

}
