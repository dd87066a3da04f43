package com.gemetrics.command.user;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The account mails, queued in the caller's transaction. They hold a link and nothing the
 * registrant typed (not even the display name), so a registration with a stranger's
 * address can only ever make us send that stranger a plain verification link.
 */
@Component
class AccountMails {

	static final String VERIFICATION = "email-verification";

	static final String PASSWORD_RESET = "password-reset";

	private final MailOutbox outbox;

	private final AccountProperties properties;

	AccountMails(MailOutbox outbox, AccountProperties properties) {
		this.outbox = outbox;
		this.properties = properties;
	}

	void verification(String recipient, String token, Instant now) {
		String link = link("/verify-email", token);
		this.outbox.enqueue(VERIFICATION, recipient, "Confirm your GE-Metrics e-mail address", """
				Welcome to GE-Metrics.

				Confirm that this is your e-mail address by opening this link:

				%s

				The link works once and expires in %s. If you did not sign up, ignore this mail.
				""".formatted(link, human(this.properties.verificationTokenTtl())), now);
	}

	void passwordReset(String recipient, String token, Instant now) {
		String link = link("/reset-password", token);
		this.outbox.enqueue(PASSWORD_RESET, recipient, "Reset your GE-Metrics password", """
				Someone asked to reset the password of your GE-Metrics account.

				To choose a new password, open this link:

				%s

				The link works once and expires in %s. Setting a new password signs you out
				everywhere. If you did not ask for this, ignore this mail: your password stays as
				it is.
				""".formatted(link, human(this.properties.resetTokenTtl())), now);
	}

	private String link(String path, String token) {
		return UriComponentsBuilder.fromUriString(this.properties.publicBaseUrl())
			.path(path)
			.queryParam("token", token)
			.build()
			.toUriString();
	}

	private static String human(Duration duration) {
		if (duration.toMinutes() < 120) {
			return duration.toMinutes() + " minutes";
		}
		return duration.toHours() + " hours";
	}

}
