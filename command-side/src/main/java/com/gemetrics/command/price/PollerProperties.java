package com.gemetrics.command.price;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When the market-data poller runs, how long its locks last, and when its data counts as
 * stale.
 *
 * @param enabled whether this instance schedules polls at all (it still takes part in the
 * lock)
 * @param latest {@code /latest}: at most once a minute, as the API asks
 * @param fiveMinute {@code /5m}
 * @param oneHour {@code /1h}
 * @param mapping {@code /mapping}: at start, then on this interval
 * @param staleAfter how old the last good {@code /latest} poll may be before health is
 * DOWN
 * @param startupGrace how long after start an instance that has never seen a good poll
 * reports UNKNOWN rather than DOWN
 */
@Validated
@ConfigurationProperties("ge.poller")
record PollerProperties(boolean enabled, @NotNull @Valid Task latest, @NotNull @Valid Task fiveMinute,
		@NotNull @Valid Task oneHour, @NotNull @Valid Task mapping, @NotNull Duration staleAfter,
		@NotNull Duration startupGrace) {

	static final Duration MIN_LATEST_INTERVAL = Duration.ofSeconds(60);

	@AssertTrue(message = "ge.poller.latest.interval must be at least 60s: the API asks not to be polled faster")
	boolean isLatestIntervalPolite() {
		return this.latest == null || this.latest.interval() == null
				|| this.latest.interval().compareTo(MIN_LATEST_INTERVAL) >= 0;
	}

	@AssertTrue(message = "ge.poller.stale-after and ge.poller.startup-grace must be positive")
	boolean isThresholdsPositive() {
		return this.staleAfter == null || this.startupGrace == null
				|| (positive(this.staleAfter) && positive(this.startupGrace));
	}

	/**
	 * One polled endpoint's schedule and ShedLock bounds.
	 *
	 * @param interval time between polls
	 * @param lockAtMostFor how long a lock outlives a dead holder; a second instance
	 * takes over after it
	 * @param lockAtLeastFor how long a lock is held after a poll ends, so instances whose
	 * clocks disagree never poll the same tick twice
	 */
	record Task(@NotNull Duration interval, @NotNull Duration lockAtMostFor, @NotNull Duration lockAtLeastFor) {

		@AssertTrue(message = "need 0 <= lock-at-least-for < interval and lock-at-least-for < lock-at-most-for")
		boolean isLockBoundsConsistent() {
			if (this.interval == null || this.lockAtMostFor == null || this.lockAtLeastFor == null) {
				return true;
			}
			return positive(this.interval) && !this.lockAtLeastFor.isNegative()
					&& this.lockAtLeastFor.compareTo(this.interval) < 0
					&& this.lockAtLeastFor.compareTo(this.lockAtMostFor) < 0;
		}

	}

	static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
