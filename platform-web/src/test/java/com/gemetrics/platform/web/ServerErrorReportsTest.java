package com.gemetrics.platform.web;

import java.util.List;
import java.util.Map;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What leaves for Sentry carries nothing personal. */
class ServerErrorReportsTest {

	private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

	@Test
	void dropsTheUserHeadersCookiesQueryBodyBreadcrumbsAndExtras() {
		SentryEvent event = new SentryEvent();
		User user = new User();
		user.setId("6f1c2a8e-3b7d-4c1e-9a2f-5d8e7b6c4a01");
		user.setEmail("zezima@example.test");
		event.setUser(user);
		Request request = new Request();
		request.setMethod("POST");
		request.setUrl("https://api.example.test/api/v1/auth/login");
		request.setHeaders(Map.of("Authorization", "Bearer " + JWT, "User-Agent", "curl"));
		request.setCookies("session=secret");
		request.setQueryString("email=zezima@example.test");
		request.setData("{\"password\":\"hunter22\"}");
		event.setRequest(request);
		event.setBreadcrumbs(List.of(new Breadcrumb("logged in zezima@example.test")));
		event.setExtra("email", "zezima@example.test");

		SentryEvent scrubbed = ServerErrorReports.scrub(event, new Hint());

		assertThat(scrubbed.getUser()).isNull();
		assertThat(scrubbed.getRequest().getMethod()).isEqualTo("POST");
		assertThat(scrubbed.getRequest().getUrl()).isEqualTo("https://api.example.test/api/v1/auth/login");
		assertThat(scrubbed.getRequest().getHeaders()).isNull();
		assertThat(scrubbed.getRequest().getCookies()).isNull();
		assertThat(scrubbed.getRequest().getQueryString()).isNull();
		assertThat(scrubbed.getRequest().getData()).isNull();
		assertThat(scrubbed.getBreadcrumbs()).isNullOrEmpty();
		assertThat(scrubbed.getExtras()).isNullOrEmpty();
	}

	@Test
	void blanksAddressesAndTokensInMessagesAndExceptionValues() {
		SentryEvent event = new SentryEvent();
		Message message = new Message();
		message.setMessage("Login of Zezima@Example.test failed");
		message.setFormatted("Login of Zezima@Example.test failed");
		message.setParams(List.of("Zezima@Example.test"));
		event.setMessage(message);
		SentryException exception = new SentryException();
		exception.setValue("Token " + JWT + " for a.b+c@mail.example.test, header Bearer abc.def rejected");
		event.setExceptions(List.of(exception));

		SentryEvent scrubbed = ServerErrorReports.scrub(event, new Hint());

		assertThat(scrubbed.getMessage().getFormatted()).isEqualTo("Login of [email] failed");
		assertThat(scrubbed.getMessage().getMessage()).isEqualTo("Login of [email] failed");
		assertThat(scrubbed.getMessage().getParams()).isNull();
		assertThat(scrubbed.getExceptions().get(0).getValue())
			.isEqualTo("Token [token] for [email], header Bearer [token] rejected");
	}

}
