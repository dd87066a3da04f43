package com.gemetrics.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}) as problem+json with a {@code code}, in
 * place of Spring Boot's {@code BasicErrorController}: errors that a filter or the
 * servlet container answers with {@code sendError} (Spring Security's request firewall, a
 * method no servlet serves) reach the client in the same shape as the API's own. The
 * {@code Content-Type} is set here, so an unparseable {@code Accept} header cannot leave
 * the answer without a body. Asked for directly, it answers 404. Not part of the API
 * documents.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object statusCode = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (statusCode instanceof Integer code) ? HttpStatus.resolve(code) : null;
		if (status == null || !status.isError()) {
			status = HttpStatus.NOT_FOUND;
		}
		ProblemDetail body = ProblemDetail.forStatus(status);
		body.setProperty("code", status.name());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
