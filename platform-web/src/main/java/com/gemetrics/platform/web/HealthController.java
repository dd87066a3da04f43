package com.gemetrics.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health at the paths load balancers and operators expect, on the application port:
 * liveness, readiness, and the deep check of every dependency (200 when all are up, 503
 * naming the failing ones). The same groups stay available under
 * {@code /actuator/health}.
 */
@RestController
@Tag(name = "health")
class HealthController {

	private final HealthEndpoint health;

	private final HttpCodeStatusMapper statusMapper;

	HealthController(HealthEndpoint health, HttpCodeStatusMapper statusMapper) {
		this.health = health;
		this.statusMapper = statusMapper;
	}

	@GetMapping("/health/live")
	@Operation(summary = "Liveness: the process is running")
	ResponseEntity<HealthComponent> live() {
		return group("liveness");
	}

	@GetMapping("/health/ready")
	@Operation(summary = "Readiness: the app can serve (database reachable)")
	ResponseEntity<HealthComponent> ready() {
		return group("readiness");
	}

	@GetMapping("/health/deep")
	@Operation(summary = "Every dependency: database, Redis, the OSRS API feed; 503 names what is down")
	ResponseEntity<HealthComponent> deep() {
		return group("deep");
	}

	private ResponseEntity<HealthComponent> group(String name) {
		HealthComponent component = this.health.healthForPath(name);
		if (component == null) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.status(this.statusMapper.getStatusCode(component.getStatus())).body(component);
	}

}
