package com.gemetrics.command.axon;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.interceptors.LoggingInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL through the JDBC storage engine. The schema beans name the
 * snake_case tables that Flyway creates in the {@code db} module.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

	@Bean
	EventSchema eventSchema() {
		return EventSchema.builder()
			.eventTable("domain_event_entry")
			.snapshotTable("snapshot_event_entry")
			.globalIndexColumn("global_index")
			.aggregateIdentifierColumn("aggregate_identifier")
			.sequenceNumberColumn("sequence_number")
			.typeColumn("type")
			.eventIdentifierColumn("event_identifier")
			.metaDataColumn("meta_data")
			.payloadColumn("payload")
			.payloadRevisionColumn("payload_revision")
			.payloadTypeColumn("payload_type")
			.timestampColumn("time_stamp")
			.build();
	}

	@Bean
	TokenSchema tokenSchema() {
		return TokenSchema.builder()
			.setTokenTable("token_entry")
			.setProcessorNameColumn("processor_name")
			.setSegmentColumn("segment")
			.setTokenColumn("token")
			.setTokenTypeColumn("token_type")
			.setTimestampColumn("timestamp")
			.setOwnerColumn("owner")
			.build();
	}

	@Bean
	LoggingInterceptor<?> loggingInterceptor() {
		return new LoggingInterceptor<>("com.gemetrics.command.axon.messages");
	}

}
