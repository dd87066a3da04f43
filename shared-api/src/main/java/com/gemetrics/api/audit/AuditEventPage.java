package com.gemetrics.api.audit;

import java.util.List;

/**
 * A page of the event history, oldest first.
 *
 * @param items the events
 * @param nextAfter the {@code after} of the next page, or {@code null} on the last page
 */
public record AuditEventPage(List<AuditEventView> items, Long nextAfter) {
}
