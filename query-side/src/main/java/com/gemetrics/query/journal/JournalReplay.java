package com.gemetrics.query.journal;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Rebuilds the journal from the event store: stops the {@code journal} processor on this
 * instance, resets its tokens (the projection's {@code @ResetHandler} empties the tables)
 * and starts it again, so every profit is computed anew under the tax rules in
 * {@code GeTax}. Every other instance must have released the processor's segments first
 * (stopped, or the processor shut down there), or the reset is refused.
 */
@Component
class JournalReplay {

	private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

	private final EventProcessingConfiguration processing;

	JournalReplay(EventProcessingConfiguration processing) {
		this.processing = processing;
	}

	/**
	 * Starts the replay; the processor catches up in the background.
	 * @return {@code false} if the tokens could not be reset (segments claimed
	 * elsewhere); the processor runs on as before
	 */
	boolean start() {
		StreamingEventProcessor processor = processor();
		processor.shutDown();
		try {
			processor.resetTokens();
			log.info("Journal replay started");
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Journal replay refused: the processor's tokens could not be reset", ex);
			return false;
		}
		finally {
			processor.start();
		}
	}

	/** The journal's processor. */
	StreamingEventProcessor processor() {
		return this.processing.eventProcessor(JournalProjection.GROUP, StreamingEventProcessor.class)
			.orElseThrow(() -> new IllegalStateException("No streaming processor " + JournalProjection.GROUP));
	}

}
