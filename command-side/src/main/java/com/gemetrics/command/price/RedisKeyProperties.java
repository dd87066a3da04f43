package com.gemetrics.command.price;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where this app's Redis keys live.
 *
 * @param keyPrefix every key starts with it, so environments and tests can share one
 * Redis
 */
@Validated
@ConfigurationProperties("ge.redis")
record RedisKeyProperties(@NotBlank String keyPrefix) {
}
