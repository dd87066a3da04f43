package com.gemetrics.query.users;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The users read model ({@code ge.users.*}).
 *
 * @param meWait how long {@code GET /api/v1/me} waits for the projection to know a new
 * user
 */
@Validated
@ConfigurationProperties("ge.users")
record UsersProperties(@NotNull @DefaultValue("2s") Duration meWait) {
}
