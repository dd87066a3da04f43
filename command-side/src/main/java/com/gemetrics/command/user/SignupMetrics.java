package com.gemetrics.command.user;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.gemetrics.platform.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Counts registrations as {@code ge.auth.signups} (Prometheus:
 * {@code ge_auth_signups_total}), tagged {@code outcome} and {@code reason}, each from a
 * fixed set:
 * <ul>
 * <li>{@code succeeded} ({@code reason=none}): the account was registered;</li>
 * <li>{@code refused}: we refused the user's input ({@code email_taken},
 * {@code password_too_short}, {@code password_too_long}, {@code password_too_common}, or
 * {@code other} for any other 4xx);</li>
 * <li>{@code failed}: our side failed ({@code database}: a database error anywhere in the
 * cause; {@code error}: anything else). The {@code SignupFailureRateHigh} alert watches
 * these against the succeeded ones.</li>
 * </ul>
 * Every series is registered at 0 when the app starts, so the first failure after a start
 * is seen by {@code increase()}. Bodies refused by Bean Validation and rate-limited
 * requests never reach registration and are not counted here.
 */
@Component
class SignupMetrics {

	static final String SIGNUPS = "ge.auth.signups";

	static final String SUCCEEDED = "succeeded";

	static final String REFUSED = "refused";

	static final String FAILED = "failed";

	private static final Map<String, String> REFUSAL_REASONS = Map.of(UserError.EMAIL_TAKEN.name(), "email_taken",
			"PASSWORD_TOO_SHORT", "password_too_short", "PASSWORD_TOO_LONG", "password_too_long", "PASSWORD_TOO_COMMON",
			"password_too_common");

	private static final String OTHER_REFUSAL = "other";

	private static final String DATABASE = "database";

	private static final String ERROR = "error";

	private final Map<String, Counter> counters = new HashMap<>();

	SignupMetrics(MeterRegistry meters) {
		register(meters, SUCCEEDED, List.of("none"));
		List<String> refusals = new ArrayList<>(REFUSAL_REASONS.values());
		refusals.add(OTHER_REFUSAL);
		register(meters, REFUSED, refusals);
		register(meters, FAILED, List.of(DATABASE, ERROR));
	}

	/**
	 * Runs a registration and counts its outcome. What it throws is thrown on unchanged.
	 */
	<T> T count(Supplier<T> registration) {
		T result;
		try {
			result = registration.get();
		}
		catch (RuntimeException | Error ex) {
			counted(ex).increment();
			throw ex;
		}
		this.counters.get(key(SUCCEEDED, "none")).increment();
		return result;
	}

	private Counter counted(Throwable failure) {
		ApiException refusal = find(failure, ApiException.class);
		if (refusal != null && refusal.status().is4xxClientError()) {
			return this.counters.get(key(REFUSED, REFUSAL_REASONS.getOrDefault(refusal.code(), OTHER_REFUSAL)));
		}
		boolean database = find(failure, DataAccessException.class) != null
				|| find(failure, TransactionException.class) != null || find(failure, SQLException.class) != null;
		return this.counters.get(key(FAILED, database ? DATABASE : ERROR));
	}

	private void register(MeterRegistry meters, String outcome, List<String> reasons) {
		for (String reason : reasons) {
			this.counters.put(key(outcome, reason),
					Counter.builder(SIGNUPS)
						.description("Registrations by outcome: succeeded, refused (the user's input), failed (ours)")
						.tag("outcome", outcome)
						.tag("reason", reason)
						.register(meters));
		}
	}

	private static String key(String outcome, String reason) {
		return outcome + "/" + reason;
	}

	private static <E extends Throwable> E find(Throwable failure, Class<E> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
