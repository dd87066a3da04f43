package com.gemetrics.query.projections;

import java.util.List;

import javax.sql.DataSource;

import com.gemetrics.platform.deadletter.DeadLetterProperties;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers, for every {@link RebuildableProjection}, the rebuild's processor
 * {@code <name>__next}: a tracking processor (from the tail of the event store, its own
 * tokens) over a second instance of the projection that writes to {@code read_next}, with
 * the live one's segments and sequencing and its own dead-letter queue. It does not start
 * with the app: {@link ProjectionRebuilder} starts it when a rebuild is requested or
 * found in {@code read.projection_rebuilds}.
 */
@Configuration(proxyBeanMethods = false)
class RebuildConfig {

	static final String SUFFIX = "__next";

	static String shadowProcessor(String name) {
		return name + SUFFIX;
	}

	@Bean
	ConfigurerModule rebuildProcessors(List<RebuildableProjection> projections, DataSource dataSource,
			ConnectionProvider connectionProvider, TransactionManager transactionManager, DeadLetterSchema schema,
			@Qualifier("eventSerializer") Serializer eventSerializer, Serializer genericSerializer,
			DeadLetterProperties deadLetters) {
		return (configurer) -> configurer.eventProcessing((processing) -> {
			for (RebuildableProjection projection : projections) {
				String name = shadowProcessor(projection.name());
				Object handlers = projection
					.shadowHandlers(ShadowSchemaJdbc.template(dataSource, projection.shadowedNames()));
				processing.registerEventHandler((configuration) -> handlers)
					.assignHandlerInstancesMatching(name, Integer.MAX_VALUE, (candidate) -> candidate == handlers)
					.registerTrackingEventProcessor(name, org.axonframework.config.Configuration::eventStore,
							(configuration) -> TrackingEventProcessorConfiguration
								.forParallelProcessing(projection.segments())
								.andInitialSegmentsCount(projection.segments())
								.andBatchSize(projection.batchSize())
								.andAutoStart(false))
					.registerSequencingPolicy(name, (configuration) -> projection.sequencingPolicy())
					.registerDeadLetterQueue(name,
							(configuration) -> JdbcSequencedDeadLetterQueue.builder()
								.processingGroup(name)
								.connectionProvider(connectionProvider)
								.transactionManager(transactionManager)
								.schema(schema)
								.genericSerializer(genericSerializer)
								.eventSerializer(eventSerializer)
								.maxSequences(deadLetters.maxSequences())
								.maxSequenceSize(deadLetters.maxSequenceSize())
								.build())
					.registerDeadLetteringEventHandlerInvokerConfiguration(name,
							(configuration, builder) -> builder.allowReset(true));
			}
		});
	}

}
