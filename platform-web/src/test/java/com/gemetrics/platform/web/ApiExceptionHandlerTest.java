package com.gemetrics.platform.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bodies that cannot be read answer 4xx problem+json, never 500; missing aggregates and
 * wrapped command failures answer as what they are.
 */
class ApiExceptionHandlerTest {

	private final ObjectMapper objectMapper = Jackson2ObjectMapperBuilder.json()
		.postConfigurer((mapper) -> mapper.getFactory()
			.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()))
		.build();

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new EchoController())
		.setControllerAdvice(new ApiExceptionHandler())
		.setValidator(validator())
		.setMessageConverters(new MappingJackson2HttpMessageConverter(this.objectMapper))
		.build();

	private static LocalValidatorFactoryBean validator() {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return validator;
	}

	@Test
	void answersJsonOverTheReadLimitsWith400() throws Exception {
		String deep = "{\"a\":" + "[".repeat(99) + "]".repeat(99) + "}";

		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content(deep))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("JSON_TOO_COMPLEX"));
	}

	@Test
	void answersMalformedJsonWith400() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"a\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("BAD_REQUEST"));
	}

	@Test
	void answersAnInvalidBodyWith400ValidationFailedNamingTheFieldsNotTheValues() throws Exception {
		this.mvc.perform(post("/validated").contentType(MediaType.APPLICATION_JSON).content("""
				{"quantity": 0, "secret": "hunter2-is-too-long"}
				"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("quantity"))
			.andExpect(jsonPath("$.errors[0].message").value("must be greater than or equal to 1"))
			.andExpect(jsonPath("$.errors[1].field").value("secret"))
			.andExpect(content().string(not(containsString("hunter2"))));
	}

	@Test
	void answersALostDatabaseWith503AndRetryAfter() throws Exception {
		this.mvc.perform(post("/database-down"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("DATABASE_UNAVAILABLE"))
			.andExpect(header().string("Retry-After", "5"));
	}

	@Test
	void answersAWrappedConnectionFailureWith503() throws Exception {
		this.mvc.perform(post("/wrapped-connection-refused"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.code").value("DATABASE_UNAVAILABLE"));
	}

	/**
	 * Seen in the fault suite: PostgreSQL restarted while a command loaded its aggregate;
	 * the pool had evicted the broken connection, and the next statement on it failed
	 * with HikariCP's "Connection is closed", which carries no SQLSTATE.
	 */
	@Test
	void answersAConnectionThePoolClosedUnderTheRequestWith503() throws Exception {
		this.mvc.perform(post("/connection-closed-by-pool"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.code").value("DATABASE_UNAVAILABLE"));
	}

	@Test
	void answersAnyOtherSqlFailureWith500() throws Exception {
		this.mvc.perform(post("/sql-bug"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value("INTERNAL_ERROR"));
	}

	@Test
	void answersAMissingAggregateWith404() throws Exception {
		this.mvc.perform(post("/missing"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("NOT_FOUND"));
	}

	@Test
	void unwrapsACommandExecutionExceptionAroundAMissingAggregate() throws Exception {
		this.mvc.perform(post("/wrapped-missing"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("NOT_FOUND"));
	}

	@Test
	void unwrapsACommandExecutionExceptionAroundARejection() throws Exception {
		this.mvc.perform(post("/wrapped-rejection"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.code").value("SOME_RULE"));
	}

	@Test
	void answersAnAcceptHeaderThatCannotBeParsedWithAProblemBody() throws Exception {
		this.mvc
			.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{}").header("Accept", "*/*;q=abc"))
			.andExpect(status().isNotAcceptable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("NOT_ACCEPTABLE"));
	}

	@Test
	void answersAMultipartBodyThatCannotBeParsedWith400() throws Exception {
		this.mvc.perform(post("/multipart"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("MALFORMED_MULTIPART"));
	}

	@RestController
	static class EchoController {

		@PostMapping("/multipart")
		void multipart() {
			throw new MultipartException("Failed to parse multipart servlet request");
		}

		@PostMapping("/database-down")
		void databaseDown() {
			throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
		}

		@PostMapping("/wrapped-connection-refused")
		void wrappedConnectionRefused() {
			throw new CommandExecutionException("failed",
					new IllegalStateException("append failed", new SQLException("Connection refused", "08001")));
		}

		@PostMapping("/connection-closed-by-pool")
		void connectionClosedByPool() {
			throw new CommandExecutionException("failed", new org.axonframework.common.jdbc.JdbcException(
					"Failed to create a SQL statement", new SQLException("Connection is closed")));
		}

		@PostMapping("/sql-bug")
		void sqlBug() {
			throw new IllegalStateException("query failed", new SQLException("syntax error", "42601"));
		}

		@PostMapping("/missing")
		void missing() {
			throw new AggregateNotFoundException("42", "gone");
		}

		@PostMapping("/wrapped-missing")
		void wrappedMissing() {
			throw new CommandExecutionException("failed", new AggregateNotFoundException("42", "gone"));
		}

		@PostMapping("/wrapped-rejection")
		void wrappedRejection() {
			throw new CompletionException(new CommandExecutionException("failed",
					new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "SOME_RULE", "A rule was broken.")));
		}

		@PostMapping("/validated")
		void validated(@Valid @RequestBody Validated body) {
		}

		@PostMapping("/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

	record Validated(@Min(1) long quantity, @Size(max = 5) String secret) {
	}

}
