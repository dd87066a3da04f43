package com.gemetrics.command.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the {@link EventMetadata} keys on every command and event the command side
 * dispatches, on every path: HTTP commands, events applied by aggregates, events
 * published directly (market data, sessions), and commands sent by event processors and
 * scheduled jobs.
 * <ul>
 * <li>Correlation data providers copy them from the message being handled to every
 * message created while handling it: {@link MessageOriginProvider} (with the keys
 * {@value EventMetadata#CAUSATION_ID} and {@value EventMetadata#CORRELATION_ID}), and the
 * actor (this thread's, else the handled message's) and request id.</li>
 * <li>A dispatch interceptor on the command bus and on the event bus fills what is still
 * missing (a message dispatched outside any handling: an HTTP command, a poll's event):
 * the actor of this thread, the request id of this thread, the message's own id as
 * correlation id; and stamps this app's version on all.</li>
 * <li>Every event processor's handler runs as {@code system:<processor name>}, so what a
 * processor dispatches is attributed to it, not to whoever wrote the event it
 * handles.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EventMetadataConfig {

	@Bean
	CorrelationDataProvider messageOriginProvider() {
		return new MessageOriginProvider(EventMetadata.CAUSATION_ID, EventMetadata.CORRELATION_ID);
	}

	@Bean
	CorrelationDataProvider actorCorrelationDataProvider() {
		return EventMetadataConfig::actorAndRequest;
	}

	@Bean
	ConfigurerModule processorActors() {
		return (configurer) -> configurer.eventProcessing((processing) -> processing
			.registerDefaultHandlerInterceptor((configuration, processor) -> processorActor(processor)));
	}

	@Bean
	SmartInitializingSingleton eventMetadataInterceptors(CommandBus commandBus, EventBus eventBus,
			ObjectProvider<BuildProperties> build, @Value("${ge.app.version:}") String configuredVersion) {
		String version = appVersion(build.getIfAvailable(), configuredVersion);
		return () -> {
			commandBus.registerDispatchInterceptor(new MetadataDispatchInterceptor<>(version));
			eventBus.registerDispatchInterceptor(new MetadataDispatchInterceptor<>(version));
		};
	}

	/** The Maven project version (Boot's build info), else {@code ge.app.version}. */
	static String appVersion(BuildProperties build, String configured) {
		if (build != null && build.getVersion() != null) {
			return build.getVersion();
		}
		return (configured != null && !configured.isBlank()) ? configured : "unknown";
	}

	static Map<String, ?> actorAndRequest(Message<?> handled) {
		Map<String, Object> data = new HashMap<>();
		Object actor = Actors.current().map(Object.class::cast).orElse(handled.getMetaData().get(EventMetadata.ACTOR));
		if (actor != null) {
			data.put(EventMetadata.ACTOR, actor);
		}
		Object requestId = Actors.requestId()
			.map(Object.class::cast)
			.orElse(handled.getMetaData().get(EventMetadata.REQUEST_ID));
		if (requestId != null) {
			data.put(EventMetadata.REQUEST_ID, requestId);
		}
		return data;
	}

	static MessageHandlerInterceptor<EventMessage<?>> processorActor(String processor) {
		String job = processor.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
		return (unitOfWork, chain) -> {
			try {
				return Actors.callAs(job, () -> {
					try {
						return chain.proceed();
					}
					catch (Exception ex) {
						throw new WrappedFailure(ex);
					}
				});
			}
			catch (WrappedFailure wrapped) {
				throw (Exception) wrapped.getCause();
			}
		};
	}

	/** Carries a checked failure of the chain through {@link Actors#callAs}. */
	private static final class WrappedFailure extends RuntimeException {

		WrappedFailure(Exception cause) {
			super(cause);
		}

	}

	/** Fills the keys a message dispatched outside any handling still lacks. */
	static final class MetadataDispatchInterceptor<T extends Message<?>> implements MessageDispatchInterceptor<T> {

		private final String version;

		MetadataDispatchInterceptor(String version) {
			this.version = version;
		}

		@Override
		@SuppressWarnings("unchecked")
		public BiFunction<Integer, T, T> handle(List<? extends T> messages) {
			return (index, message) -> (T) message.andMetaData(missing(message));
		}

		Map<String, Object> missing(Message<?> message) {
			Map<String, Object> added = new HashMap<>();
			Map<String, ?> present = message.getMetaData();
			if (!present.containsKey(EventMetadata.ACTOR)) {
				added.put(EventMetadata.ACTOR, Actors.current().orElse(EventMetadata.UNKNOWN_ACTOR));
			}
			if (!present.containsKey(EventMetadata.REQUEST_ID)) {
				Actors.requestId().ifPresent((id) -> added.put(EventMetadata.REQUEST_ID, id));
			}
			if (!present.containsKey(EventMetadata.CORRELATION_ID)) {
				added.put(EventMetadata.CORRELATION_ID, message.getIdentifier());
			}
			added.put(EventMetadata.APP_VERSION, this.version);
			return added;
		}

	}

}
