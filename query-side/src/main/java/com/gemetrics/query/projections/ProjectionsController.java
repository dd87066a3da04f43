package com.gemetrics.query.projections;

import java.security.Principal;

import com.gemetrics.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/projections} (admins only, by the path): where every event
 * processor stands, and online rebuilds of this app's projections.
 */
@RestController
@Tag(name = "admin")
class ProjectionsController {

	private final Projections projections;

	private final ProjectionRebuilder rebuilder;

	ProjectionsController(Projections projections, ProjectionRebuilder rebuilder) {
		this.projections = projections;
		this.rebuilder = rebuilder;
	}

	@Operation(summary = "List the event processors (admin)",
			description = "Every tracking processor of both apps (their tokens share token_entry): the app running "
					+ "it, state (running, replaying, rebuilding, stopped), position (the lowest segment's global "
					+ "index), the head of the event store, lag in events, events/s over the last minute, ETA in "
					+ "seconds and dead letters; for a projection under online rebuild, the rebuild's progress.")
	@GetMapping("/api/v1/admin/projections")
	ResponseEntity<Projections.ProjectionList> list() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.projections.list());
	}

	@Operation(summary = "Rebuild a projection online (admin)",
			description = "Replays the whole event stream into shadow tables (schema read_next) while every query "
					+ "goes on reading the current tables; once the rebuild has caught up with the head, the tables "
					+ "are swapped in one short transaction. A rebuild interrupted by a restart resumes. Progress: "
					+ "GET /api/v1/admin/projections (state rebuilding).")
	@ApiResponse(responseCode = "202", description = "The rebuild started")
	@ApiResponse(responseCode = "404", description = "UNKNOWN_PROCESSOR",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409",
			description = "REPLAY_RUNNING: a rebuild or replay of it runs; NOT_REBUILDABLE: it keeps state outside "
					+ "its tables",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/api/v1/admin/projections/{name}/replays")
	ResponseEntity<OnlineRebuilds.Rebuild> rebuild(@PathVariable String name, Principal caller) {
		return ResponseEntity.accepted().body(this.rebuilder.start(name, (caller != null) ? caller.getName() : null));
	}

	@Operation(summary = "Abandon an online rebuild (admin)",
			description = "Stops the rebuild and drops its shadow tables; the current tables were never touched.")
	@ApiResponse(responseCode = "204", description = "Abandoned")
	@ApiResponse(responseCode = "404", description = "UNKNOWN_PROCESSOR or NO_REBUILD",
			content = @Content(mediaType = "application/problem+json"))
	@DeleteMapping("/api/v1/admin/projections/{name}/replays")
	ResponseEntity<Void> abort(@PathVariable String name) {
		if (!this.rebuilder.abort(name)) {
			throw ApiException.notFound("NO_REBUILD", "No online rebuild of " + name + " is running.");
		}
		return ResponseEntity.noContent().build();
	}

}
