package com.gemetrics.query.journal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as the journal tables hold them: PostgreSQL keeps microseconds, so instants are
 * truncated to microseconds before they are stored or compared, and a replay stores the
 * same values again.
 */
final class JournalTimes {

	private JournalTimes() {
	}

	static Instant micros(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS) : null;
	}

	static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(micros(instant)) : null;
	}

	static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
