package com.gemetrics.platform.deadletter;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Dead-letter queues for the event processors of either app (ADR 0016): Axon's
 * {@link JdbcSequencedDeadLetterQueue} on the Flyway table {@code dead_letter_entry} for
 * every processor with {@code axon.eventhandling.processors.<name>.dlq.enabled}, atomic
 * handling per event ({@link AtomicEventHandlers}), an enqueue policy that counts
 * attempts, scheduled retries with backoff and the gauge ({@link DeadLetterSchedule}),
 * and the admin API ({@link DeadLetterController}). Ordered before Axon's
 * {@link JdbcAutoConfiguration}, whose schema and queue provider then step back.
 */
@AutoConfiguration(before = JdbcAutoConfiguration.class)
@ConditionalOnClass({ JdbcSequencedDeadLetterQueue.class, EventProcessorProperties.class, JdbcTemplate.class })
@EnableConfigurationProperties(DeadLetterProperties.class)
@EnableScheduling
public class DeadLetterConfig {

	static final String TABLE = "dead_letter_entry";

	@Bean
	@ConditionalOnMissingBean
	DeadLetterSchema deadLetterSchema() {
		return DeadLetterSchema.builder()
			.deadLetterTable(TABLE)
			.deadLetterIdentifierColumn("dead_letter_id")
			.processingGroupColumn("processing_group")
			.sequenceIdentifierColumn("sequence_identifier")
			.sequenceIndexColumn("sequence_index")
			.messageTypeColumn("message_type")
			.eventIdentifierColumn("event_identifier")
			.timestampColumn("time_stamp")
			.payloadTypeColumn("payload_type")
			.payloadRevisionColumn("payload_revision")
			.payloadColumn("payload")
			.metaDataColumn("meta_data")
			.aggregateTypeColumn("aggregate_type")
			.aggregateIdentifierColumn("aggregate_identifier")
			.sequenceNumberColumn("sequence_number")
			.tokenTypeColumn("token_type")
			.tokenColumn("token")
			.enqueuedAtColumn("enqueued_at")
			.lastTouchedColumn("last_touched")
			.processingStartedColumn("processing_started")
			.causeTypeColumn("cause_type")
			.causeMessageColumn("cause_message")
			.diagnosticsColumn("diagnostics")
			.build();
	}

	/**
	 * A JDBC queue for each processor whose {@code dlq.enabled} is set, bounded by
	 * {@code ge.dead-letters.max-sequences} and {@code max-sequence-size}.
	 */
	@Bean
	DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(EventProcessorProperties axon,
			DeadLetterProperties properties, ConnectionProvider connectionProvider,
			TransactionManager transactionManager, DeadLetterSchema schema,
			@Qualifier("eventSerializer") Serializer eventSerializer, Serializer genericSerializer) {
		return new DeadLetterQueueProviderConfigurerModule(axon,
				(processingGroup) -> (configuration) -> JdbcSequencedDeadLetterQueue.builder()
					.processingGroup(processingGroup)
					.connectionProvider(connectionProvider)
					.transactionManager(transactionManager)
					.schema(schema)
					.genericSerializer(genericSerializer)
					.eventSerializer(eventSerializer)
					.maxSequences(properties.maxSequences())
					.maxSequenceSize(properties.maxSequenceSize())
					.build());
	}

	/** Every failure is parked, with its cause truncated and its attempts counted. */
	@Bean
	ConfigurerModule deadLetterPolicy() {
		return (configurer) -> configurer.eventProcessing()
			.registerDefaultDeadLetterPolicy((configuration) -> DeadLetterConfig::countingAttempts);
	}

	/**
	 * Each dead-lettering invoker caches which sequences are parked (a healthy event then
	 * costs no query), and clears its processor's letters when the processor is reset for
	 * a replay: the replay applies every event again, and parks again what still fails.
	 */
	@Bean
	ConfigurerModule deadLetteringInvokers(EventProcessorProperties axon) {
		return (configurer) -> configurer.eventProcessing((processing) -> deadLettering(axon)
			.forEach((processor) -> processing.registerDeadLetteringEventHandlerInvokerConfiguration(processor,
					(configuration, builder) -> builder.enableSequenceIdentifierCache().allowReset(true))));
	}

	static EnqueueDecision<EventMessage<?>> countingAttempts(DeadLetter<? extends EventMessage<?>> letter,
			Throwable cause) {
		Object attempts = letter.diagnostics().get(DeadLetters.ATTEMPTS);
		long failed = (attempts instanceof Number number) ? number.longValue() : 0;
		return Decisions.enqueue(ThrowableCause.truncated(cause),
				(parked) -> MetaData.with(DeadLetters.ATTEMPTS, failed + 1));
	}

	@Bean
	AtomicEventHandlers atomicEventHandlers(PlatformTransactionManager transactions, EventProcessorProperties axon) {
		return new AtomicEventHandlers(transactions, deadLettering(axon));
	}

	@Bean
	DeadLetters deadLetters(EventProcessorProperties axon, EventProcessingConfiguration processing, JdbcTemplate jdbc,
			ObjectMapper json) {
		return new DeadLetters(deadLettering(axon), processing, jdbc, json, Clock.systemUTC());
	}

	@Bean
	DeadLetterSchedule deadLetterSchedule(DeadLetters deadLetters, DeadLetterProperties properties,
			MeterRegistry meters) {
		return new DeadLetterSchedule(deadLetters, properties, meters);
	}

	/** The processors (processing groups) configured with a dead-letter queue. */
	static Set<String> deadLettering(EventProcessorProperties axon) {
		Map<String, EventProcessorProperties.ProcessorSettings> processors = axon.getProcessors();
		return processors.entrySet()
			.stream()
			.filter((processor) -> processor.getValue().getDlq().isEnabled())
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class DeadLetterApi {

		@Bean
		DeadLetterController deadLetterController(DeadLetters deadLetters, DeadLetterSchedule schedule) {
			return new DeadLetterController(deadLetters, schedule);
		}

	}

}
