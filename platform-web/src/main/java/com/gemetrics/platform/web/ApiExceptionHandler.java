package com.gemetrics.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem+json with a {@code code} property. Spring MVC's own
 * exceptions (malformed JSON, validation, unknown path, wrong method) keep their 4xx
 * status; anything unexpected is a 500 whose body says nothing of the internals. Every
 * 5xx is reported to Sentry with its request id ({@link ServerErrorReports}).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApi(ApiException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		body.setProperty("code", ex.code());
		return handleExceptionInternal(ex, body, new HttpHeaders(), ex.status(), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Parameter '" + ex.getName() + "' has an invalid value.");
		body.setProperty("code", "INVALID_PARAMETER");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		body.setProperty("code", "VALIDATION_FAILED");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A multipart body that cannot be parsed (no boundary, truncated): the client's
	 * fault. Bodies over the upload limit keep their 413.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The multipart body cannot be read.");
		body.setProperty("code", "MALFORMED_MULTIPART");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(AggregateNotFoundException.class)
	ResponseEntity<Object> handleAggregateNotFound(AggregateNotFoundException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource.");
		body.setProperty("code", "NOT_FOUND");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
	}

	/**
	 * Command failures may arrive wrapped (an asynchronous send, or a command bus that
	 * wraps handler exceptions): answered as the exception inside.
	 */
	@ExceptionHandler({ CompletionException.class, CommandExecutionException.class })
	ResponseEntity<Object> handleWrapped(Exception ex, WebRequest request) throws Exception {
		Throwable cause = ex;
		while ((cause instanceof CompletionException || cause instanceof CommandExecutionException)
				&& cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause instanceof ApiException api) {
			return handleApi(api, request);
		}
		if (cause instanceof AggregateNotFoundException notFound) {
			return handleAggregateNotFound(notFound, request);
		}
		return handleUnexpected(ex, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		if (DatabaseOutages.isOutage(ex)) {
			log.warn("Database unavailable answering {}: {}", request.getDescription(false), ex.toString());
			ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The database is unavailable; try again shortly.");
			body.setProperty("code", "DATABASE_UNAVAILABLE");
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, DatabaseOutages.RETRY_AFTER_SECONDS);
			return handleExceptionInternal(ex, body, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
		}
		try {
			return handleException(ex, request);
		}
		catch (Exception notSpringMvc) {
			log.error("Unexpected error answering {}", request.getDescription(false), ex);
			ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"An unexpected error occurred.");
			body.setProperty("code", "INTERNAL_ERROR");
			return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
		}
	}

	/**
	 * Unreadable bodies are 400s; JSON over the read limits (nesting depth, string
	 * length: see {@code ge.protection.json-*}) says so with the code
	 * {@code JSON_TOO_COMPLEX}.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof StreamConstraintsException) {
			ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The JSON body is nested too deeply or holds too long a value.");
			body.setProperty("code", "JSON_TOO_COMPLEX");
			return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	/**
	 * A request body that breaks its Bean Validation constraints: 400
	 * {@code VALIDATION_FAILED} with {@code errors}, one {@code {field, message}} per
	 * broken constraint, by field. The rejected values are left out (they may be
	 * passwords).
	 */
	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		body.setProperty("code", "VALIDATION_FAILED");
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.sorted(Comparator.comparing(FieldError::getField)
				.thenComparing((error) -> String.valueOf(error.getDefaultMessage())))
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request parameters.");
		body.setProperty("code", "VALIDATION_FAILED");
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Adds the {@code code} where Spring MVC's own problem has none, and sets the
	 * {@code Content-Type}: with it preset, the body is written whatever the request's
	 * {@code Accept} header says, even one that cannot be parsed (which would otherwise
	 * leave a 406 or 400 without a body).
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ServerErrorReports.report(ex, statusCode);
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
				HttpStatus resolved = HttpStatus.resolve(statusCode.value());
				problem.setProperty("code",
						(resolved != null) ? resolved.name().toUpperCase(Locale.ROOT) : "HTTP_" + statusCode.value());
			}
			HttpHeaders problemHeaders = new HttpHeaders();
			problemHeaders.putAll(response.getHeaders());
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return new ResponseEntity<>(problem, problemHeaders, response.getStatusCode());
		}
		return response;
	}

}
