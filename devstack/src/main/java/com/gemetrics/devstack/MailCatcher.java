package com.gemetrics.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the dev stack's mail goes: an SMTP server on loopback (GreenMail) that keeps
 * every message in memory, prints each one's subject and links to the console as it
 * arrives, and lists them all as JSON at {@code GET /messages} on its own HTTP port. A
 * developer who registers locally opens the verification link from here.
 */
final class MailCatcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

	private final GreenMail smtp;

	private final HttpServer http;

	private final ScheduledExecutorService watcher;

	private final List<Mail> mails = new CopyOnWriteArrayList<>();

	private MailCatcher(GreenMail smtp, HttpServer http, ScheduledExecutorService watcher) {
		this.smtp = smtp;
		this.http = http;
		this.watcher = watcher;
	}

	/**
	 * Starts the SMTP server on {@code 127.0.0.1:smtpPort} and the JSON view on
	 * {@code 127.0.0.1:webPort}.
	 */
	static MailCatcher start(int smtpPort, int webPort) throws IOException {
		GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), webPort), 0);
		ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "mail-catcher");
			thread.setDaemon(true);
			return thread;
		});
		MailCatcher catcher = new MailCatcher(smtp, http, watcher);
		http.createContext("/messages", catcher::serveMessages);
		smtp.start();
		http.start();
		watcher.scheduleWithFixedDelay(catcher::collect, 250, 250, TimeUnit.MILLISECONDS);
		log.info("mail catcher: SMTP on 127.0.0.1:{}, received mail at {}", smtpPort, catcher.messagesUrl());
		return catcher;
	}

	String messagesUrl() {
		return "http://127.0.0.1:" + this.http.getAddress().getPort() + "/messages";
	}

	int smtpPort() {
		return this.smtp.getSmtp().getPort();
	}

	/** The messages received so far, oldest first. */
	List<Mail> mails() {
		collect();
		return List.copyOf(this.mails);
	}

	private synchronized void collect() {
		MimeMessage[] received = this.smtp.getReceivedMessages();
		for (int i = this.mails.size(); i < received.length; i++) {
			Mail mail = Mail.of(received[i]);
			this.mails.add(mail);
			StringBuilder line = new StringBuilder("mail to ").append(mail.to())
				.append(": \"")
				.append(mail.subject())
				.append('"');
			mail.links().forEach((link) -> line.append(System.lineSeparator()).append("    ").append(link));
			log.info("{}", line);
		}
	}

	private void serveMessages(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			byte[] body = mails().stream()
				.map(Mail::toJson)
				.collect(Collectors.joining(",\n", "[", "]\n"))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.watcher.shutdownNow();
		this.http.stop(0);
		this.smtp.stop();
	}

	/**
	 * One received message.
	 *
	 * @param receivedAt when it arrived
	 * @param from the sender
	 * @param to the recipients, comma-separated
	 * @param subject the subject
	 * @param text the plain-text body
	 * @param links every http(s) link in the body, in order
	 */
	record Mail(Instant receivedAt, String from, String to, String subject, String text, List<String> links) {

		static Mail of(MimeMessage message) {
			try {
				String text = text(message.getContent()).replace("\r\n", "\n");
				Matcher matcher = LINK.matcher(text);
				List<String> links = new ArrayList<>();
				while (matcher.find()) {
					links.add(matcher.group());
				}
				Instant receivedAt = (message.getReceivedDate() != null) ? message.getReceivedDate().toInstant()
						: Instant.now();
				return new Mail(receivedAt, addresses(message.getFrom()),
						addresses(message.getRecipients(MimeMessage.RecipientType.TO)),
						String.valueOf(message.getSubject()), text, List.copyOf(links));
			}
			catch (MessagingException | IOException ex) {
				return new Mail(Instant.now(), "", "", "(unreadable message: " + ex.getMessage() + ")", "", List.of());
			}
		}

		private static String text(Object content) throws MessagingException, IOException {
			if (content instanceof String string) {
				return string;
			}
			if (content instanceof Multipart multipart) {
				StringBuilder text = new StringBuilder();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart part = multipart.getBodyPart(i);
					if (part.isMimeType("text/plain") || part.isMimeType("multipart/*")) {
						text.append(text(part.getContent()));
					}
				}
				return text.toString();
			}
			return "";
		}

		private static String addresses(Address[] addresses) {
			return (addresses != null)
					? Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", ")) : "";
		}

		String toJson() {
			return "{\"receivedAt\":" + json(this.receivedAt.toString()) + ",\"from\":" + json(this.from) + ",\"to\":"
					+ json(this.to) + ",\"subject\":" + json(this.subject) + ",\"text\":" + json(this.text)
					+ ",\"links\":" + this.links.stream().map(Mail::json).collect(Collectors.joining(",", "[", "]"))
					+ "}";
		}

		private static String json(String value) {
			StringBuilder out = new StringBuilder("\"");
			for (char c : value.toCharArray()) {
				switch (c) {
					case '"' -> out.append("\\\"");
					case '\\' -> out.append("\\\\");
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					case '\t' -> out.append("\\t");
					default -> {
						if (c < 0x20) {
							out.append(String.format("\\u%04x", (int) c));
						}
						else {
							out.append(c);
						}
					}
				}
			}
			return out.append('"').toString();
		}

	}

}
