package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a registration whose address was not verified in time: the account gives up the
 * address, its links stop working and its sessions end.
 *
 * @param userId the unverified account
 * @param expiredAt when
 */
public record ExpireRegistrationCommand(@TargetAggregateIdentifier UserId userId, Instant expiredAt) {
}
