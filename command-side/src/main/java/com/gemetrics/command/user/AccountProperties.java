package com.gemetrics.command.user;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Accounts: links in mails, the bootstrap admin, token lifetimes, login throttling,
 * password hashing and the mail outbox.
 *
 * @param publicBaseUrl the SPA's base URL; mails link to
 * {@code <base>/verify-email?token=…} and {@code <base>/reset-password?token=…}
 * @param bootstrapAdminEmail the address that becomes admin when it registers and
 * verifies; empty for none
 * @param verificationTokenTtl how long a verification link works
 * @param resetTokenTtl how long a password reset link works
 * @param mailCooldown the least time between two verification or reset mails to one
 * account
 * @param unverifiedAccountTtl how long a registration may stay unverified before it
 * expires and releases its address
 * @param login failed-login throttling
 * @param password password rules and hashing
 * @param mail the outbox sender
 */
@Validated
@ConfigurationProperties("ge.auth")
record AccountProperties(@NotBlank String publicBaseUrl, String bootstrapAdminEmail,
		@NotNull Duration verificationTokenTtl, @NotNull Duration resetTokenTtl, @NotNull Duration mailCooldown,
		@NotNull Duration unverifiedAccountTtl, @Valid @NotNull Login login, @Valid @NotNull Password password,
		@Valid @NotNull Mail mail) {

	/** Whether a bootstrap admin is configured and this key is theirs. */
	boolean isBootstrapAdmin(String emailKey) {
		return this.bootstrapAdminEmail != null && !this.bootstrapAdminEmail.isBlank()
				&& EmailAddresses.key(this.bootstrapAdminEmail.strip()).equals(emailKey);
	}

	/**
	 * Failed logins back off exponentially per account and per client IP, and never lock
	 * anyone out for good: once {@code n} consecutive failures reach the threshold, the
	 * next attempt must wait {@code min(firstDelay · 2^(n − threshold), maxDelay)}; the
	 * count is forgotten after {@code failureWindow} without failures, and reset by a
	 * successful login.
	 *
	 * @param accountThreshold failures of one account before it backs off
	 * @param ipThreshold failures from one IP (IPv6: one /64) before it backs off
	 * @param firstDelay the first wait
	 * @param maxDelay the cap on the wait
	 * @param failureWindow how long failures are remembered
	 */
	record Login(@Min(1) int accountThreshold, @Min(1) int ipThreshold, @NotNull Duration firstDelay,
			@NotNull Duration maxDelay, @NotNull Duration failureWindow) {
	}

	/**
	 * @param minLength the fewest code points a password may have
	 * @param maxLength the most code points, to bound the cost of hashing
	 * @param maxConcurrentHashes how many hashes may run at once (each takes 19 MiB)
	 * @param hashQueueTimeout how long a request waits for a hashing slot before a 503
	 */
	record Password(@Min(8) int minLength, @Min(64) @Max(4096) int maxLength, @Positive int maxConcurrentHashes,
			@NotNull Duration hashQueueTimeout) {
	}

	/**
	 * @param from the sender address
	 * @param pollInterval how often the outbox is read
	 * @param batchSize mails sent per read
	 * @param maxAttempts attempts before a mail is given up
	 * @param retryDelay the first retry wait, doubled per attempt
	 */
	record Mail(@NotBlank String from, @NotNull Duration pollInterval, @Positive int batchSize,
			@Positive int maxAttempts, @NotNull Duration retryDelay) {
	}

}
