package com.gemetrics.query.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.serialization.Revision;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * Today's events by simple name ({@code FlipOpenedEvent}): every {@code @Revision} record
 * of {@code shared-api}, read once at start.
 */
@Component
class AuditEventTypes {

	static final String EVENTS_PACKAGE = "com.gemetrics.api";

	private final Map<String, String> bySimpleName;

	AuditEventTypes() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
		Map<String, String> names = new HashMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(EVENTS_PACKAGE)) {
			String name = candidate.getBeanClassName();
			if (name != null && name.endsWith("Event")) {
				names.put(name.substring(name.lastIndexOf('.') + 1), name);
			}
		}
		this.bySimpleName = Map.copyOf(names);
	}

	/** The fully qualified payload type of an event's simple name, if it is one. */
	Optional<String> qualified(String simpleName) {
		return Optional.ofNullable(this.bySimpleName.get(simpleName));
	}

}
