package com.gemetrics.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spring Boot app running as a child JVM, its output copied to ours line by line
 * behind a name prefix.
 *
 * @param name short name used as the output prefix
 * @param port the HTTP port the app listens on
 * @param process the child process
 */
record AppProcess(String name, int port, Process process) {

	private static final Logger log = LoggerFactory.getLogger(AppProcess.class);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * Starts {@code jar} with the same {@code java} that runs this JVM, our environment
	 * plus {@code environment}, and {@code jvmOptions}.
	 */
	static AppProcess start(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions)
			throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					jar.toAbsolutePath() + " not found: build first (./mvnw -DskipTests install)");
		}
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.add("-Daxoniq.update-checker.disabled=true");
		command.add("-Ddisable-axoniq-console-message=true");
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		Process process = builder.start();
		AppProcess app = new AppProcess(name, port, process);
		app.copyOutput(System.out);
		log.info("started {} (pid {}) on port {}", name, process.pid(), port);
		return app;
	}

	/**
	 * Waits until {@code /actuator/health/readiness} answers 200, the app dies, or time
	 * runs out.
	 */
	void awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with code " + this.process.exitValue() + " before it was ready");
			}
			try {
				if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(this.name + " not ready after " + timeout.toSeconds() + " s");
	}

	/**
	 * Asks the app to shut down gracefully (SIGTERM), and kills it if it takes too long.
	 */
	void stop(Duration grace) {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("{} did not stop within {} s, killing it", this.name, grace.toSeconds());
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void copyOutput(PrintStream out) {
		String prefix = String.format("%-7s| ", this.name);
		Thread pump = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					out.println(prefix + line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, this.name + "-output");
		pump.setDaemon(true);
		pump.start();
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
