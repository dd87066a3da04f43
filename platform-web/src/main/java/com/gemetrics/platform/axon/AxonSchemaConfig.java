package com.gemetrics.platform.axon;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The names of Axon's tables and columns on PostgreSQL, for both apps: the snake_case
 * tables that Flyway creates in the {@code db} module (V1). Ahead of Axon's own JDBC
 * auto-configuration, whose defaults are camelCase.
 */
@AutoConfiguration(before = JdbcAutoConfiguration.class)
@ConditionalOnClass({ EventSchema.class, TokenSchema.class, JdbcAutoConfiguration.class })
public class AxonSchemaConfig {

	@Bean
	@ConditionalOnMissingBean
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
	@ConditionalOnMissingBean
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

}
