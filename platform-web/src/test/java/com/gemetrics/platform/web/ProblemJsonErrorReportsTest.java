package com.gemetrics.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat itself refuses, before any servlet runs, are answered as
 * problem+json with a code, not with Tomcat's HTML error report.
 */
class ProblemJsonErrorReportsTest {

	private WebServer server;

	@BeforeEach
	void start() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		new ProblemJsonErrorReports().customize(factory);
		this.server = factory.getWebServer();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET /items/%00 HTTP/1.1\r\n", "GET /items/..%2F..%2Fetc HTTP/1.1\r\n",
			"GET /items HTTP/1.1\r\nX-Huge: HUGE\r\n", "POST /items HTTP/1.1\r\nContent-Length: -1\r\n" })
	void answersARefusedRequestWithProblemJson(String head) throws Exception {
		String answer = send(head.replace("HUGE", "h".repeat(10_000)));

		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(answer).contains("\"code\":\"BAD_REQUEST\"").doesNotContain("<html");
	}

	private String send(String head) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.server.getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

}
