package com.gemetrics.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers (a request it refuses before any servlet runs: a NUL or
 * encoded slash in the path, an oversized header, an invalid {@code Content-Length}) as
 * problem+json with a {@code code}, in place of its HTML error report. Nothing about the
 * server or the cause is written.
 */
final class ProblemJsonErrorReportValve extends ErrorReportValve {

	ProblemJsonErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus resolved = HttpStatus.resolve(status);
		String code = (resolved != null) ? resolved.name().toUpperCase(Locale.ROOT) : "HTTP_" + status;
		String title = (resolved != null) ? resolved.getReasonPhrase() : "Error";
		String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"code\":\""
				+ code + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			container.getLogger().debug("Could not write the problem+json error report", ex);
		}
	}

}
