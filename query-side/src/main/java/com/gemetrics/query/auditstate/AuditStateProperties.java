package com.gemetrics.query.auditstate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The auditors' rebuilt user state ({@code ge.audit-state.*}).
 *
 * @param recentAlerts how many of the latest alerts the rebuilt watchlist shows (as
 * {@code ge.watchlist.recent-alerts} for {@code GET /api/v1/watchlist}, which it follows
 * by default)
 */
@Validated
@ConfigurationProperties("ge.audit-state")
record AuditStateProperties(@Min(0) @Max(500) @DefaultValue("50") int recentAlerts) {
}
