package com.gemetrics.loadtest.seed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.gemetrics.loadtest.journal.JournalApi;

/**
 * Registers and verifies the users of {@code bench.sh seed} before the Gatling run (they
 * are not counted in it): each registers and logs in ({@link JournalApi}), reads its
 * verification link out of {@code auth.mail_outbox} (the dev stack has no SMTP server, so
 * the outbox keeps the body while it retries) and verifies its address as that login.
 * Writes {@code email,password} lines, the simulation's feeder:
 * {@code --command-url= --jdbc-url= --user= --password= --users=500 --out=users.csv}.
 */
public final class SeedUsers {

	private static final Pattern MAILED_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

	private static final String PASSWORD = "seed load password 4151";

	private final Map<String, String> options;

	private SeedUsers(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(Map.of("users", "500", "threads", "2", "password", ""));
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		new SeedUsers(options).run();
	}

	private void run() throws Exception {
		int count = Integer.parseInt(this.options.get("users"));
		JournalApi api = new JournalApi(this.options.get("command-url"), null);
		String run = UUID.randomUUID().toString().substring(0, 8);
		long started = System.nanoTime();
		// Password hashing is the slow part and the command side caps it (4 at a time).
		ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(this.options.get("threads")));
		List<String> lines = new ArrayList<>();
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String email = "seed-" + run + "-" + i + "@example.com";
				futures.add(pool.submit(() -> registerVerified(api, email)));
			}
			for (Future<String> future : futures) {
				lines.add(future.get() + "," + PASSWORD);
			}
		}
		finally {
			pool.shutdownNow();
		}
		lines.add(0, "email,password");
		Files.write(Path.of(this.options.get("out")), lines, StandardCharsets.UTF_8);
		System.err.printf(Locale.ROOT, "[seed] %d users registered and verified in %.1f s%n", count,
				(System.nanoTime() - started) / 1e9);
	}

	private String registerVerified(JournalApi api, String email) throws Exception {
		for (int attempt = 1;; attempt++) {
			try {
				String bearer = api.registerAndLogIn(email, PASSWORD);
				api.verifyEmail(bearer, mailedToken(email));
				return email;
			}
			catch (java.net.http.HttpTimeoutException ex) {
				// A busy machine: registering the address again supersedes the unverified
				// account (ADR 13), and the newest mail carries the link.
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	/** The token of the newest verification mail to {@code email}, waiting up to 30 s. */
	private String mailedToken(String email) throws SQLException, IOException, InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		try (Connection connection = DriverManager.getConnection(this.options.get("jdbc-url"), this.options.get("user"),
				this.options.get("password"));
				PreparedStatement select = connection.prepareStatement("SELECT body FROM auth.mail_outbox "
						+ "WHERE recipient = ? AND kind = 'email-verification' ORDER BY id DESC LIMIT 1")) {
			select.setString(1, email);
			while (System.nanoTime() < deadline) {
				try (ResultSet rows = select.executeQuery()) {
					if (rows.next() && rows.getString(1) != null) {
						Matcher token = MAILED_TOKEN.matcher(rows.getString(1));
						if (token.find()) {
							return token.group(1);
						}
					}
				}
				Thread.sleep(100);
			}
		}
		throw new IOException("no verification mail with a token for " + email + " in auth.mail_outbox");
	}

}
