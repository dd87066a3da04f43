package com.gemetrics.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.gemetrics.devstack.Databases;

import static org.awaitility.Awaitility.await;

/**
 * One of the apps' jars, started as a real process on a free loopback port, with the
 * secrets the apps refuse to start without (outside the {@code dev} profile) unless the
 * caller gives its own.
 */
final class AppProcess implements AutoCloseable {

	static final String KEY_SECRET = "system-it-key-encryption-secret-for-tests-only";

	static final String INTERNAL_TOKEN = "system-it-internal-token";

	private final String name;

	private final Process process;

	private final Path log;

	final int port;

	private AppProcess(String name, Process process, Path log, int port) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static AppProcess start(String name, Path jar, Map<String, String> env) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build the apps first (./mvnw verify builds them)");
		}
		int port = freePort();
		Path log = Path.of("target", "system-it", name + "-" + port + ".log");
		Files.createDirectories(log.getParent());
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-Daxoniq.update-checker.disabled=true", "-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("GE_AUTH_KEY_SECRET", KEY_SECRET);
		builder.environment().put("GE_INTERNAL_TOKEN", INTERNAL_TOKEN);
		// No Stripe in these tests: billing off on purpose, as it must be said outside
		// dev.
		builder.environment().put("GE_STRIPE_ENABLED", "false");
		builder.environment().putAll(env);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
		return new AppProcess(name, builder.start(), log, port);
	}

	/**
	 * The database settings of an app that connects as its own least-privilege login
	 * ({@code login}, a member of the group role {@code group}, created when missing)
	 * while Flyway runs as {@code owner}, as deployed.
	 */
	static Map<String, String> leastPrivilegeDatabase(String serverUrl, String databaseUrl, String owner,
			String ownerPassword, String login, String group) {
		Databases.ensureLoginRole(serverUrl, owner, ownerPassword, login, login, group);
		return Map.of("GE_DATABASE_URL", databaseUrl, "GE_DATABASE_USERNAME", login, "GE_DATABASE_PASSWORD", login,
				"GE_DATABASE_MIGRATION_USERNAME", owner, "GE_DATABASE_MIGRATION_PASSWORD", ownerPassword);
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	void awaitReady(HttpClient http) {
		awaitReady(http, Duration.ofMinutes(2));
	}

	void awaitReady(HttpClient http, Duration atMost) {
		await(this.name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited; see " + this.log.toAbsolutePath());
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create(url("/health/ready"))).build(),
						HttpResponse.BodyHandlers.discarding());
				return response.statusCode() == 200;
			}
			catch (IOException notListeningYet) {
				return false;
			}
		});
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
