package com.gemetrics.query.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.interceptors.LoggingInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL through the JDBC storage engine, tuned for the query side: the event
 * store polls the shared database every {@code ge.axon.fetch-delay} (default 1 s in Axon)
 * so that events another process committed reach the projections within tens of
 * milliseconds. Declaring the {@code eventBus} bean turns off Axon's auto-configured
 * store, so the storage engine and exception resolver are declared here too (the schema
 * beans come from platform-web's {@code AxonSchemaConfig}).
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

	@Bean
	PersistenceExceptionResolver persistenceExceptionResolver() {
		return new JdbcSQLErrorCodesResolver();
	}

	@Bean
	EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
			@Qualifier("eventSerializer") Serializer eventSerializer,
			PersistenceExceptionResolver persistenceExceptionResolver,
			org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
			TransactionManager transactionManager, EventSchema eventSchema, AxonTuningProperties tuning) {
		return JdbcEventStorageEngine.builder()
			.batchSize(tuning.fetchBatchSize())
			.snapshotSerializer(defaultSerializer)
			.eventSerializer(eventSerializer)
			.upcasterChain(configuration.upcasterChain())
			.persistenceExceptionResolver(persistenceExceptionResolver)
			.snapshotFilter(configuration.snapshotFilter())
			.connectionProvider(connectionProvider)
			.transactionManager(transactionManager)
			.schema(eventSchema)
			.build();
	}

	@Bean(name = "eventBus")
	EmbeddedEventStore eventStore(EventStorageEngine storageEngine, AxonTuningProperties tuning,
			org.axonframework.config.Configuration configuration) {
		return EmbeddedEventStore.builder()
			.storageEngine(storageEngine)
			.messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
			.spanFactory(configuration.getComponent(EventBusSpanFactory.class))
			.fetchDelay(tuning.fetchDelay().toMillis())
			.build();
	}

	@Bean
	LoggingInterceptor<?> loggingInterceptor() {
		return new LoggingInterceptor<>("com.gemetrics.query.axon.messages");
	}

}
