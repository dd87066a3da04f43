package com.gemetrics.command.outbound;

import java.time.Duration;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Jakarta Mail with the {@link DeadlineSocketFactory} (as {@link OutboundConfig} installs
 * it): mail still goes out, and an SMTP server that trickles its greeting (each byte well
 * within the read timeout) is cut off at the sender's deadline.
 */
class DeadlineSocketFactoryTest {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Test
	void sendsThroughTheFactory() {
		JavaMailSenderImpl sender = sender(mail.getSmtp().getPort());

		try (Deadline deadline = Deadline.start(Duration.ofSeconds(30))) {
			sender.send(message());
			assertThat(deadline.expired()).isFalse();
		}

		assertThat(mail.getReceivedMessages()).hasSize(1);
	}

	@Test
	void cutsOffAServerTricklingItsGreetingAtTheDeadline() throws Exception {
		try (Tarpit tarpit = Tarpit.plain("220-tarpit ", Duration.ofMillis(100))) {
			JavaMailSenderImpl sender = sender(tarpit.port());
			long started = System.nanoTime();

			try (Deadline deadline = Deadline.start(Duration.ofSeconds(2))) {
				assertThatThrownBy(() -> sender.send(message())).isInstanceOf(MailSendException.class);
				assertThat(deadline.expired()).isTrue();
			}

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(3)).until(() -> tarpit.closedByClient() == 1);
		}
	}

	private static JavaMailSenderImpl sender(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
		sender.getJavaMailProperties().put("mail.smtp.writetimeout", "5000");
		OutboundConfig.smtpSocketsUnderDeadlines().postProcessBeforeInitialization(sender, "mailSender");
		return sender;
	}

	private static SimpleMailMessage message() {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("no-reply@example.test");
		message.setTo("someone@example.test");
		message.setSubject("Hello");
		message.setText("Hello");
		return message;
	}

}
