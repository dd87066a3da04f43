package com.gemetrics.platform.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The container's error page answers problem+json with the error's status and a code. */
class ProblemErrorControllerTest {

	private final ProblemErrorController controller = new ProblemErrorController();

	@Test
	void answersAnErrorSentByAFilterWithItsStatusAndCode() {
		MockHttpServletRequest request = new MockHttpServletRequest("FOO", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);

		ResponseEntity<ProblemDetail> answer = this.controller.error(request);

		assertThat(answer.getStatusCode().value()).isEqualTo(400);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().getProperties()).containsEntry("code", "BAD_REQUEST");
	}

	@Test
	void answers404WhenAskedDirectly() {
		ResponseEntity<ProblemDetail> answer = this.controller.error(new MockHttpServletRequest("GET", "/error"));

		assertThat(answer.getStatusCode().value()).isEqualTo(404);
		assertThat(answer.getBody().getProperties()).containsEntry("code", "NOT_FOUND");
	}

}
