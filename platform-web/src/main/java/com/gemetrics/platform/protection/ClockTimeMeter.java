package com.gemetrics.platform.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;

/** Bucket4j's time from the application's {@link Clock}, so tests can move it. */
record ClockTimeMeter(Clock clock) implements TimeMeter {

	@Override
	public long currentTimeNanos() {
		Instant now = this.clock.instant();
		return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}
