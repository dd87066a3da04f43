package com.gemetrics.command.flip;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A flip import file that cannot be imported as a whole: 422 problem+json with the code
 * {@code IMPORT_INVALID}, the first errors (by line) in {@code errors} and their number
 * in {@code errorCount}. Nothing of the file was stored.
 */
class FlipImportRejected extends ErrorResponseException {

	static final String CODE = "IMPORT_INVALID";

	private final transient List<FlipImportError> errors;

	FlipImportRejected(List<FlipImportError> errors, int maxListed) {
		super(HttpStatus.UNPROCESSABLE_ENTITY, problem(errors, maxListed), null);
		this.errors = List.copyOf(errors);
	}

	List<FlipImportError> errors() {
		return this.errors;
	}

	private static ProblemDetail problem(List<FlipImportError> errors, int maxListed) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
				errors.size() + ((errors.size() == 1) ? " error" : " errors") + " in the file; nothing was imported.");
		problem.setTitle("Import refused");
		problem.setProperty("code", CODE);
		problem.setProperty("errorCount", errors.size());
		problem.setProperty("errors", List.copyOf(errors.subList(0, Math.min(maxListed, errors.size()))));
		return problem;
	}

}
