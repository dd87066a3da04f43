package com.gemetrics.devstack;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailCatcherTest {

	@Test
	void keepsEveryMailWithItsLinksAndListsThemAsJson() throws Exception {
		int smtpPort = freePort();
		try (MailCatcher catcher = MailCatcher.start(smtpPort, 0)) {
			GreenMailUtil.sendTextEmail("new@example.com", "GE-Metrics <no-reply@ge-metrics.example>",
					"Verify your e-mail address",
					"Open this link:\n\nhttp://localhost:5173/verify-email?token=abc-123\n\nIt expires in 24 hours.",
					new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

			assertThat(catcher.mails()).singleElement().satisfies((mail) -> {
				assertThat(mail.to()).isEqualTo("new@example.com");
				assertThat(mail.subject()).isEqualTo("Verify your e-mail address");
				assertThat(mail.links()).containsExactly("http://localhost:5173/verify-email?token=abc-123");
			});
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(catcher.messagesUrl())).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
			assertThat(response.body()).startsWith("[{")
				.contains("\"subject\":\"Verify your e-mail address\"")
				.contains("\"links\":[\"http://localhost:5173/verify-email?token=abc-123\"]")
				.contains("\"text\":\"Open this link:\\n\\nhttp://localhost:5173/verify-email?token=abc-123\\n");
		}
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
