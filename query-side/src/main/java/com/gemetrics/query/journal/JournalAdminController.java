package com.gemetrics.query.journal;

import java.time.Clock;
import java.time.Instant;

import com.gemetrics.platform.web.ApiException;
import com.gemetrics.query.projections.OnlineRebuilds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/journal/replays} (admins only, by the path): rebuilds the
 * journal tables from the event store, e.g. after a change of the GE tax rules.
 */
@RestController
@Tag(name = "admin")
class JournalAdminController {

	private final JournalReplay replay;

	private final Clock clock;

	private final OnlineRebuilds rebuilds;

	JournalAdminController(JournalReplay replay, Clock clock, OnlineRebuilds rebuilds) {
		this.replay = replay;
		this.clock = clock;
		this.rebuilds = rebuilds;
	}

	@Operation(summary = "Replay the journal processor (admin)",
			description = "Empties read.flips, read.user_transactions and read.flip_tombstones and rebuilds them from "
					+ "the Flip events, restating every profit under the tax rules now in force. The processor must "
					+ "not be running on another instance.")
	@ApiResponse(responseCode = "202", description = "The replay started; the journal fills up again in the background")
	@ApiResponse(responseCode = "409",
			description = "REPLAY_REFUSED: another instance holds the processor; REPLAY_RUNNING: an online rebuild "
					+ "of the journal runs (POST /api/v1/admin/projections/journal/replays)",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/api/v1/admin/journal/replays")
	ResponseEntity<ReplayStarted> replay() {
		if (this.rebuilds.running(JournalProjection.GROUP)) {
			throw new ApiException(HttpStatus.CONFLICT, "REPLAY_RUNNING",
					"An online rebuild of the journal runs; wait for its switch or abandon it first.");
		}
		if (!this.replay.start()) {
			throw new ApiException(HttpStatus.CONFLICT, "REPLAY_REFUSED",
					"The journal processor is held by another instance; stop it there first.");
		}
		return ResponseEntity.accepted().body(new ReplayStarted(JournalProjection.GROUP, this.clock.instant()));
	}

	/**
	 * The answer to a replay request.
	 *
	 * @param processor the processor replaying
	 * @param startedAt when
	 */
	record ReplayStarted(String processor, Instant startedAt) {
	}

}
