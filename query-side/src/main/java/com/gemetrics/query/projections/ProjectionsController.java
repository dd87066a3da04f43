package com.gemetrics.query.projections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/projections} (admins only, by the path): where every event
 * processor stands, and online replays of this app's projections.
 */
@RestController
@Tag(name = "admin")
class ProjectionsController {

	private final Projections projections;

	ProjectionsController(Projections projections) {
		this.projections = projections;
	}

	@Operation(summary = "List the event processors (admin)",
			description = "Every tracking processor of both apps (their tokens share token_entry): the app running "
					+ "it, state (running, replaying, stopped), position (the lowest segment's global index), the "
					+ "head of the event store, lag in events, events/s over the last minute, ETA in seconds and "
					+ "dead letters.")
	@GetMapping("/api/v1/admin/projections")
	ResponseEntity<Projections.ProjectionList> list() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.projections.list());
	}

}
