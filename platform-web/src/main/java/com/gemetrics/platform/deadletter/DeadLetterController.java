package com.gemetrics.platform.deadletter;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.gemetrics.platform.web.ApiException;

/**
 * Admins list, retry and evict the dead letters of this app's processors. Both apps'
 * security chains admit only {@code ROLE_ADMIN} to {@code /api/v1/admin/**} (401 without
 * a token, 403 for other roles).
 */
@RestController
@Tag(name = "admin")
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLetterController {

	private final DeadLetters deadLetters;

	private final DeadLetterSchedule schedule;

	DeadLetterController(DeadLetters deadLetters, DeadLetterSchedule schedule) {
		this.deadLetters = deadLetters;
		this.schedule = schedule;
	}

	@Operation(summary = "List dead letters (admin)",
			description = "Parked events of one processor, or of every processor of this app, oldest first; "
					+ "404 UNKNOWN_PROCESSOR for a processor without a dead-letter queue here.")
	@GetMapping
	DeadLetterList list(@RequestParam(required = false) String processor,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		return new DeadLetterList(this.deadLetters.processors(), this.deadLetters.list(processor, limit),
				this.deadLetters.total(processor));
	}

	@Operation(summary = "Retry a processor's dead letters now (admin)",
			description = "Each parked sequence is applied again from its first event on, in order; a sequence that "
					+ "fails again stays parked. Answers how many sequences were applied.")
	@PostMapping("/{processor}/retries")
	DeadLetters.RetryResult retry(@PathVariable String processor,
			@RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int maxSequences) {
		DeadLetters.RetryResult result = this.deadLetters.retryAll(processor, maxSequences);
		this.schedule.count();
		return result;
	}

	@Operation(summary = "Evict a dead-lettered sequence (admin)",
			description = "Drops every parked event of the sequence: they are never applied (the events stay in the "
					+ "event store; a replay applies them). 404 NO_SUCH_DEAD_LETTER when nothing is parked under it.")
	@DeleteMapping("/{processor}/{sequenceId}")
	ResponseEntity<Void> evict(@PathVariable String processor, @PathVariable String sequenceId) {
		if (this.deadLetters.evict(processor, sequenceId) == 0) {
			throw ApiException.notFound("NO_SUCH_DEAD_LETTER",
					"Nothing of processor " + processor + " is parked under that sequence id.");
		}
		this.schedule.count();
		return ResponseEntity.noContent().build();
	}

	/**
	 * A page of dead letters.
	 *
	 * @param processors this app's processors with a dead-letter queue
	 * @param items the dead letters, oldest first
	 * @param total how many the processor (or the app) holds in all
	 */
	record DeadLetterList(java.util.Set<String> processors, List<DeadLetterView> items, long total) {
	}

}
