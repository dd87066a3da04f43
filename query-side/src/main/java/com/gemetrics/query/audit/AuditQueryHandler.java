package com.gemetrics.query.audit;

import java.util.ArrayList;
import java.util.List;

import com.gemetrics.api.audit.AuditEventPage;
import com.gemetrics.api.audit.AuditEventView;
import com.gemetrics.api.audit.ListAuditEventsQuery;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/** Answers the auditors' pages of the event history. */
@Component
class AuditQueryHandler {

	private final AuditEventRepository repository;

	private final AuditEvents events;

	AuditQueryHandler(AuditEventRepository repository, AuditEvents events) {
		this.repository = repository;
		this.events = events;
	}

	/**
	 * A page of at most {@code limit} stored events after {@code after};
	 * {@code nextAfter} is the last one's global position while the page is full.
	 */
	@QueryHandler
	AuditEventPage handle(ListAuditEventsQuery query) {
		List<StoredEvent> stored = this.repository.page(AuditFilter.of(query), query.after(), query.limit());
		List<AuditEventView> items = new ArrayList<>(stored.size());
		stored.forEach((event) -> items.addAll(this.events.views(event)));
		Long nextAfter = (stored.size() == query.limit()) ? stored.get(stored.size() - 1).globalIndex() : null;
		return new AuditEventPage(items, nextAfter);
	}

}
