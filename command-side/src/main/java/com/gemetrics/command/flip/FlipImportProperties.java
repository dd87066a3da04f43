package com.gemetrics.command.flip;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the flip CSV import ({@code POST /api/v1/flips/imports}). The body's size is
 * capped before this by {@code ge.protection.max-upload-bytes}, the number of imports by
 * the upload rate limit, and the rows of one file by the caller's plan
 * ({@code Entitlements.csvImportRows}; more: 422 {@code TOO_MANY_ROWS}).
 *
 * @param maxErrors errors listed in a refusal (all are counted in {@code errorCount})
 */
@Validated
@ConfigurationProperties("ge.flips.import")
record FlipImportProperties(@DefaultValue("100") @Positive int maxErrors) {
}
