package com.gemetrics.platform.web;

import java.util.List;
import java.util.regex.Pattern;

import io.sentry.Hint;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import org.slf4j.MDC;

import org.springframework.http.HttpStatusCode;

/**
 * Server errors go to Sentry (when {@code SENTRY_DSN} is set), and nothing personal goes
 * with them. {@link ApiExceptionHandler} answers every exception a controller throws, so
 * Sentry's own exception resolver never sees one: the handler reports each 5xx here,
 * tagged with the request id ({@code X-Request-Id}) and the status. 4xx answers are the
 * caller's mistake and are not reported.
 * <p>
 * {@link #scrub} runs last on every event: it drops the user (not even a hash: the
 * request id leads to the logs, which have the user id), every header, cookie, query
 * string and body of the request (only method and path stay), breadcrumbs and extras, and
 * blanks anything shaped like an e-mail address or a bearer token in the messages.
 */
public final class ServerErrorReports {

	/** The Sentry tag that carries the request id. */
	public static final String REQUEST_ID_TAG = "request_id";

	private static final Pattern EMAIL = Pattern.compile("[^\\s@\"'<>(),;:]+@[^\\s@\"'<>(),;:]+\\.[^\\s@\"'<>(),;:]+");

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+\\S+");

	private ServerErrorReports() {
	}

	/** Reports an exception answered with a 5xx; anything else is ignored. */
	static void report(Throwable ex, HttpStatusCode status) {
		if (!status.is5xxServerError()) {
			return;
		}
		String requestId = MDC.get(RequestTracingFilter.MDC_KEY);
		Sentry.captureException(ex, (scope) -> {
			if (requestId != null) {
				scope.setTag(REQUEST_ID_TAG, requestId);
			}
			scope.setTag("http.status_code", Integer.toString(status.value()));
		});
	}

	/**
	 * Strips an event of everything personal: Sentry's {@code before-send} callback.
	 * @param event the event about to be sent
	 * @param hint unused
	 * @return the same event, scrubbed
	 */
	public static SentryEvent scrub(SentryEvent event, Hint hint) {
		event.setUser(null);
		Request request = event.getRequest();
		if (request != null) {
			Request kept = new Request();
			kept.setMethod(request.getMethod());
			kept.setUrl(redact(request.getUrl()));
			event.setRequest(kept);
		}
		event.setBreadcrumbs(null);
		event.setExtras(null);
		Message message = event.getMessage();
		if (message != null) {
			message.setMessage(redact(message.getMessage()));
			message.setFormatted(redact(message.getFormatted()));
			message.setParams(null);
		}
		List<SentryException> exceptions = event.getExceptions();
		if (exceptions != null) {
			exceptions.forEach((exception) -> exception.setValue(redact(exception.getValue())));
		}
		return event;
	}

	/**
	 * Forces the options that keep personal data out, whatever the configuration says.
	 * @param options Sentry's options
	 */
	public static void configure(SentryOptions options) {
		options.setSendDefaultPii(false);
		options.setMaxRequestBodySize(SentryOptions.RequestSize.NONE);
		options.setBeforeSend(ServerErrorReports::scrub);
	}

	static String redact(String text) {
		if (text == null) {
			return null;
		}
		String redacted = JWT.matcher(text).replaceAll("[token]");
		redacted = BEARER.matcher(redacted).replaceAll("Bearer [token]");
		return EMAIL.matcher(redacted).replaceAll("[email]");
	}

}
