package com.gemetrics.loadtest.write;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.price.GeLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code bench.sh write}'s baseline: the plainest Spring Boot way to take the same JSON
 * as {@code POST /api/v1/flips}, validate it with the same bounds, and insert one row
 * into a table of the same PostgreSQL with {@link JdbcTemplate}. No security, no events,
 * no projection: what a CRUD write costs on this machine. Started as its own process by
 * {@code loadtest/bench-write.sh}; the datasource comes from {@code spring.datasource.*}.
 */
@SpringBootApplication
public class CrudBaseline {

	static final String TABLE = "bench_crud_flip";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(CrudBaseline.class);
		// The loadtest classpath also holds the migrations and test libraries: keep Boot
		// to the web server, the datasource and validation.
		application.setDefaultProperties(Map.of("spring.flyway.enabled", "false", "spring.main.banner-mode", "off",
				"spring.mvc.problemdetails.enabled", "true", "spring.datasource.hikari.maximum-pool-size", "10",
				"spring.autoconfigure.exclude",
				"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration"));
		application.run(args);
	}

	@RestController
	static class FlipsController {

		private final JdbcTemplate jdbc;

		FlipsController(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
			jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id uuid PRIMARY KEY, item_id integer NOT NULL, "
					+ "quantity bigint NOT NULL, price bigint NOT NULL, bought_at timestamptz NOT NULL, "
					+ "account text, created_at timestamptz NOT NULL)");
		}

		@PostMapping("/api/v1/flips")
		@ResponseStatus(HttpStatus.CREATED)
		Map<String, String> open(@Valid @RequestBody OpenFlip request) {
			Instant now = Instant.now();
			if (!GeLimits.isNotBeforeGeOpened(request.boughtAt()) || !GeLimits.isNotInFuture(request.boughtAt(), now)) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "boughtAt out of range");
			}
			UUID id = UUID.randomUUID();
			this.jdbc.update("INSERT INTO " + TABLE
					+ " (id, item_id, quantity, price, bought_at, account, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
					id, request.itemId(), request.quantity(), request.price(), Timestamp.from(request.boughtAt()),
					request.account(), Timestamp.from(now));
			return Map.of("id", id.toString());
		}

		@org.springframework.web.bind.annotation.ExceptionHandler(ResponseStatusException.class)
		ProblemDetail rejected(ResponseStatusException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.getStatusCode(), ex.getReason());
			problem.setProperty("code", "invalid_request");
			return problem;
		}

	}

	/** The body of {@code POST /api/v1/flips}, with the command side's bounds. */
	record OpenFlip(@NotNull Integer itemId, @NotNull @Min(1) @Max(GeLimits.MAX_QUANTITY) Long quantity,
			@NotNull @Min(GeLimits.MIN_PRICE) @Max(GeLimits.MAX_PRICE) Long price, @NotNull Instant boughtAt,
			String account) {
	}

}
