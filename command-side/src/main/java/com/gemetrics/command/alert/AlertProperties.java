package com.gemetrics.command.alert;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The alert policy and the delivery of alerts.
 *
 * @param minInterval the least time between two alerts of one rule, in observation time
 * @param maxObservationAge observations older than this (when the policy reads them, e.g.
 * catching up after an outage) fire nothing
 * @param maxAttempts delivery attempts before an alert goes to the dead letters
 * @param retryDelay the first retry wait, doubled per attempt
 * @param maxRetryDelay the cap on the retry wait
 * @param pollInterval how often the delivery queue is read
 * @param batchSize deliveries attempted per read
 * @param mailFrom the sender address of alert mails
 * @param webhook the webhook client
 */
@Validated
@ConfigurationProperties("ge.alerts")
record AlertProperties(@NotNull Duration minInterval, @NotNull Duration maxObservationAge,
		@Positive @Max(100) int maxAttempts, @NotNull Duration retryDelay, @NotNull Duration maxRetryDelay,
		@NotNull Duration pollInterval, @Positive @Max(1000) int batchSize, @NotBlank String mailFrom,
		@Valid @NotNull Webhook webhook) {

	/**
	 * @param connectTimeout the TCP and TLS connect timeout
	 * @param readTimeout how long to wait for the answer
	 * @param maxUrlLength the longest URL accepted
	 */
	record Webhook(@NotNull Duration connectTimeout, @NotNull Duration readTimeout, @Positive int maxUrlLength) {
	}

}
