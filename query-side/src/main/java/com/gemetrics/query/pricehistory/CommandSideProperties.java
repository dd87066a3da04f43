package com.gemetrics.query.pricehistory;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the command side answers its internal endpoints ({@code ge.command-side.*}).
 *
 * @param url base URL of the command side, e.g. {@code http://127.0.0.1:8081}
 */
@Validated
@ConfigurationProperties("ge.command-side")
record CommandSideProperties(@NotNull @DefaultValue("http://127.0.0.1:8081") URI url) {
}
