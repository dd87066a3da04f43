package com.gemetrics.platform.deadletter;

import java.lang.reflect.Member;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes each event's handling atomic in the processors that dead-letter: every
 * {@code @EventHandler} of a class in such a processing group runs inside a savepoint of
 * the batch's transaction, rolled back when the handler throws.
 * <p>
 * Axon's dead-lettering invoker catches a handler's exception inside the batch
 * transaction and parks the event, and the batch then commits. Without the savepoint, the
 * SQL the handler ran before it failed would commit with it (half an event applied), and
 * on PostgreSQL any failed statement aborts the whole transaction, so the dead letter
 * itself could not even be written and the batch would fail forever. ADR 0016. A class
 * marked {@link WithoutSavepoint} writes nothing in its handlers and is left alone.
 */
class AtomicEventHandlers implements HandlerEnhancerDefinition {

	private final TransactionTemplate savepoint;

	private final Set<String> processingGroups;

	AtomicEventHandlers(PlatformTransactionManager transactions, Set<String> processingGroups) {
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.processingGroups = Set.copyOf(processingGroups);
	}

	@Override
	public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
		if (!original.canHandleMessageType(EventMessage.class) || !inDeadLetteringGroup(original)) {
			return original;
		}
		return new Savepointed<>(original, this.savepoint);
	}

	private boolean inDeadLetteringGroup(MessageHandlingMember<?> member) {
		return member.unwrap(Member.class)
			.map(Member::getDeclaringClass)
			.filter((type) -> !AnnotatedElementUtils.hasAnnotation(type, WithoutSavepoint.class))
			.map((type) -> AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class))
			.map((group) -> this.processingGroups.contains(group.value()))
			.orElse(false);
	}

	private static final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

		private final TransactionTemplate savepoint;

		Savepointed(MessageHandlingMember<T> delegate, TransactionTemplate savepoint) {
			super(delegate);
			this.savepoint = savepoint;
		}

		@Override
		public Object handle(Message<?> message, T target) throws Exception {
			try {
				return this.savepoint.execute((status) -> {
					try {
						return super.handle(message, target);
					}
					catch (RuntimeException | Error ex) {
						throw ex;
					}
					catch (Exception ex) {
						throw new CheckedFailure(ex);
					}
				});
			}
			catch (CheckedFailure failure) {
				throw failure.checked();
			}
		}

	}

	/** Carries a handler's checked exception through the transaction template. */
	private static final class CheckedFailure extends RuntimeException {

		CheckedFailure(Exception cause) {
			super(cause);
		}

		Exception checked() {
			return (Exception) getCause();
		}

	}

}
