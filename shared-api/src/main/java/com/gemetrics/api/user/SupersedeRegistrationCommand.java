package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces an unverified registration by a newer registration of the same address: the
 * older account gives up the address, its links stop working and its sessions end.
 *
 * @param userId the older, unverified account
 * @param supersededBy the account of the newer registration
 * @param supersededAt when
 */
public record SupersedeRegistrationCommand(@TargetAggregateIdentifier UserId userId, UserId supersededBy,
		Instant supersededAt) {
}
