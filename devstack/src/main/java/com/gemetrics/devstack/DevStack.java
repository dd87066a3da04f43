package com.gemetrics.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The whole system on one machine with only a JDK: an embedded PostgreSQL (data kept
 * under {@code ./run/postgres}), an embedded Redis, in demo mode a stub of the OSRS
 * prices API serving the recorded fixtures, and both apps as child JVMs.
 * {@code GE_DATABASE_URL} and {@code GE_REDIS_URL}, when set, replace the embedded
 * servers. Ctrl-C or SIGTERM stops the apps, then the stub, Redis and PostgreSQL.
 * <p>
 * Secrets: the apps refuse to start without {@code GE_AUTH_KEY_SECRET} and
 * {@code GE_INTERNAL_TOKEN} outside the {@code dev} profile, so the stack generates its
 * own per data directory ({@link DevSecrets}). Billing is off
 * ({@code GE_STRIPE_ENABLED=false}) unless {@code GE_STRIPE_API_KEY} and the other Stripe
 * settings are exported (docs/billing.md, testing with the Stripe CLI). On the embedded
 * PostgreSQL each app connects as its own least-privilege login ({@code ge_command},
 * {@code ge_query}), Flyway as the superuser.
 * <p>
 * A developer's console: the apps run with the {@code devstack} profile (plain log lines
 * instead of the production JSON; nothing else, unlike {@code dev}) unless
 * {@code SPRING_PROFILES_ACTIVE} is set, and the command side's mail goes to a
 * {@link MailCatcher} that prints each message's links and lists them at
 * {@code /messages}, unless {@code SPRING_MAIL_HOST} is set.
 * <p>
 * This is a command-line tool: it prints its banner to standard output.
 */
public final class DevStack {

	static {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devstack-logback.xml");
		}
	}

	private static final Logger log = LoggerFactory.getLogger(DevStack.class);

	private static final String DATABASE = "gemetrics";

	private static final String SUPERUSER = "postgres";

	private static final String COMMAND_LOGIN = "ge_command";

	private static final String QUERY_LOGIN = "ge_query";

	private static final Duration APP_STOP_GRACE = Duration.ofSeconds(30);

	private final DevStackOptions options;

	private final List<AppProcess> apps = new CopyOnWriteArrayList<>();

	private final AtomicBoolean stopping = new AtomicBoolean();

	private volatile EmbeddedPostgres postgres;

	private volatile RedisServer redis;

	private volatile OsrsStub stub;

	private volatile MailCatcher mail;

	private final Map<String, String> commandDatabase = new LinkedHashMap<>();

	private final Map<String, String> queryDatabase = new LinkedHashMap<>();

	private DevStack(DevStackOptions options) {
		this.options = options;
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			System.out.print(DevStackOptions.USAGE);
			return;
		}
		DevStackOptions options;
		try {
			options = DevStackOptions.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(DevStackOptions.USAGE);
			System.exit(2);
			return;
		}
		DevStack stack = new DevStack(options);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-shutdown"));
		try {
			stack.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (!stack.stopping.get()) {
				if (ex instanceof IllegalStateException) {
					log.error("dev stack failed: {}", ex.getMessage());
				}
				else {
					log.error("dev stack failed: {}", ex.getMessage(), ex);
				}
				System.exit(1);
			}
		}
	}

	private void run() throws Exception {
		Map<String, String> environment = startInfrastructure();
		if (this.options.infraOnly()) {
			printBanner(environment);
			writeReadyFile(environment);
			Thread.currentThread().join();
			return;
		}
		environment.put("GE_COMMAND_SIDE_URL", "http://127.0.0.1:" + this.options.commandPort());
		environment.put("GE_JWKS_URL", "http://127.0.0.1:" + this.options.commandPort() + "/.well-known/jwks.json");
		environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
		if (System.getenv("SERVER_ADDRESS") == null) {
			environment.put("SERVER_ADDRESS", "127.0.0.1");
		}
		if (System.getenv("SPRING_PROFILES_ACTIVE") == null) {
			// plain console lines (application.yml's devstack profile); not the dev
			// profile, whose fallbacks for missing secrets stay off here (ADR 0017)
			environment.put("SPRING_PROFILES_ACTIVE", "devstack");
		}
		this.apps.add(AppProcess.start("command", this.options.commandJar(), this.options.commandPort(),
				with(environment, this.commandDatabase), this.options.appJvmOptions()));
		this.apps.add(AppProcess.start("query", this.options.queryJar(), this.options.queryPort(),
				with(environment, this.queryDatabase), this.options.appJvmOptions()));
		for (AppProcess app : this.apps) {
			app.awaitReady(this.options.startTimeout());
			log.info("{} is ready at {}", app.name(), app.url("/"));
		}
		environment.put("GE_QUERY_SIDE_URL", "http://127.0.0.1:" + this.options.queryPort());
		printBanner(environment);
		writeReadyFile(environment);
		CompletableFuture
			.anyOf(this.apps.stream().map((app) -> app.process().onExit()).toArray(CompletableFuture[]::new))
			.join();
		Thread.sleep(1000);
		if (!this.stopping.get()) {
			String exited = this.apps.stream()
				.filter((app) -> !app.process().isAlive())
				.map((app) -> app.name() + " (exit code " + app.process().exitValue() + ")")
				.collect(Collectors.joining(", "));
			throw new IllegalStateException("app exited: " + exited + "; stopping the stack");
		}
	}

	/**
	 * Starts (or points at) PostgreSQL, Redis and the OSRS API, and returns the apps'
	 * settings.
	 */
	private Map<String, String> startInfrastructure() throws IOException {
		Map<String, String> environment = new LinkedHashMap<>();
		if (this.options.databaseUrl() == null) {
			stopOrphanedPostmaster(this.options.dataDir());
			requireFreePort(this.options.postgresPort(), "PostgreSQL");
		}
		if (this.options.redisUrl() == null) {
			requireFreePort(this.options.redisPort(), "Redis");
		}
		if (this.options.demo()) {
			requireFreePort(this.options.stubPort(), "OSRS stub");
		}
		if (this.options.mailCatcher()) {
			requireFreePort(this.options.smtpPort(), "mail catcher SMTP");
			requireFreePort(this.options.mailPort(), "mail catcher web");
		}
		if (!this.options.infraOnly()) {
			requireFreePort(this.options.commandPort(), "command side");
			requireFreePort(this.options.queryPort(), "query side");
		}
		Path secretsFile = DevSecrets.fileFor(this.options.dataDir());
		if (this.options.fresh()) {
			Files.deleteIfExists(secretsFile);
		}
		Map<String, String> secrets = DevSecrets.loadOrCreate(secretsFile, System.getenv());
		environment.put(DevSecrets.KEY_SECRET, secrets.get(DevSecrets.KEY_SECRET));
		environment.put(DevSecrets.INTERNAL_TOKEN, secrets.get(DevSecrets.INTERNAL_TOKEN));
		String stripeKey = System.getenv("GE_STRIPE_API_KEY");
		if ((stripeKey == null || stripeKey.isBlank()) && System.getenv("GE_STRIPE_ENABLED") == null) {
			// Billing needs a Stripe account: off unless its settings are exported
			// (docs/billing.md).
			environment.put("GE_STRIPE_ENABLED", "false");
		}
		if (this.options.databaseUrl() == null) {
			String url = startPostgres();
			environment.put("GE_DATABASE_URL", url);
			environment.put("GE_DATABASE_USERNAME", SUPERUSER);
			environment.put("GE_DATABASE_PASSWORD", "");
			appLogin(url, this.commandDatabase, COMMAND_LOGIN, secrets.get(DevSecrets.COMMAND_DATABASE_PASSWORD),
					"ge_command_app");
			appLogin(url, this.queryDatabase, QUERY_LOGIN, secrets.get(DevSecrets.QUERY_DATABASE_PASSWORD),
					"ge_query_app");
		}
		else {
			log.info("using the database at GE_DATABASE_URL");
			environment.put("GE_DATABASE_URL", this.options.databaseUrl());
			environment.put("GE_DATABASE_USERNAME", this.options.databaseUsername());
			environment.put("GE_DATABASE_PASSWORD", this.options.databasePassword());
		}
		if (this.options.redisUrl() == null) {
			this.redis = RedisServer.newRedisServer()
				.port(this.options.redisPort())
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.redis.start();
			log.info("embedded Redis on 127.0.0.1:{}", this.options.redisPort());
			environment.put("GE_REDIS_URL", "redis://127.0.0.1:" + this.options.redisPort());
		}
		else {
			log.info("using the Redis at GE_REDIS_URL");
			environment.put("GE_REDIS_URL", this.options.redisUrl());
		}
		if (this.options.demo()) {
			this.stub = OsrsStub.start(this.options.stubPort(), this.options.perturbPrices());
			environment.put("GE_OSRS_BASE_URL", this.stub.baseUrl());
		}
		else {
			log.info("live mode: polling {}", this.options.liveBaseUrl());
			environment.put("GE_OSRS_BASE_URL", this.options.liveBaseUrl());
		}
		if (this.options.mailCatcher()) {
			this.mail = MailCatcher.start(this.options.smtpPort(), this.options.mailPort());
			environment.put("SPRING_MAIL_HOST", "127.0.0.1");
			environment.put("SPRING_MAIL_PORT", Integer.toString(this.options.smtpPort()));
		}
		return environment;
	}

	private String startPostgres() throws IOException {
		Path dataDir = this.options.dataDir();
		if (this.options.fresh()) {
			deleteRecursively(dataDir);
		}
		Files.createDirectories(dataDir.getParent());
		log.info("starting embedded PostgreSQL on 127.0.0.1:{} (data in {})", this.options.postgresPort(), dataDir);
		this.postgres = EmbeddedPostgres.builder()
			.setPort(this.options.postgresPort())
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("max_connections", "200")
			.start();
		String server = "jdbc:postgresql://127.0.0.1:" + this.options.postgresPort() + "/";
		return Databases.ensureDatabase(server, SUPERUSER, "", DATABASE);
	}

	/**
	 * Creates the app's own login role (a member of {@code group}, which the migrations
	 * grant to) and connects the app as it, while Flyway keeps running as the superuser
	 * that owns every object.
	 */
	private static void appLogin(String url, Map<String, String> settings, String login, String password,
			String group) {
		Databases.ensureLoginRole(url, SUPERUSER, "", login, password, group);
		settings.put("GE_DATABASE_USERNAME", login);
		settings.put("GE_DATABASE_PASSWORD", password);
		settings.put("GE_DATABASE_MIGRATION_USERNAME", SUPERUSER);
		settings.put("GE_DATABASE_MIGRATION_PASSWORD", "");
	}

	private static Map<String, String> with(Map<String, String> environment, Map<String, String> overrides) {
		Map<String, String> combined = new LinkedHashMap<>(environment);
		combined.putAll(overrides);
		return combined;
	}

	/**
	 * Stops a PostgreSQL left running on our data directory by a dev stack that was
	 * killed without its shutdown hook (kill -9), so that this start does not fail on a
	 * busy data directory.
	 */
	private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
			return;
		}
		ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().command().map((command) -> command.contains("postgres")).orElse(false))
			.ifPresent((postmaster) -> {
				log.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier dev stack", postmaster.pid(),
						dataDir);
				postmaster.destroy();
				try {
					postmaster.onExit().get(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					postmaster.destroyForcibly();
				}
			});
	}

	/** Fails early, and clearly, when a port we need is taken. */
	private static void requireFreePort(int port, String what) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"port " + port + " (" + what + ") is in use: is a dev stack already running?"
							+ " Choose another port with the options in --help.");
		}
	}

	/**
	 * Stops everything this process started: apps first, then the stub, Redis and
	 * PostgreSQL.
	 */
	private void stop() {
		if (this.stopping.getAndSet(true)) {
			return;
		}
		List<Thread> stoppers = this.apps.stream().map((app) -> {
			Thread thread = new Thread(() -> app.stop(APP_STOP_GRACE), "stop-" + app.name());
			thread.start();
			return thread;
		}).toList();
		for (Thread stopper : stoppers) {
			try {
				stopper.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.stub != null) {
			this.stub.close();
		}
		if (this.mail != null) {
			this.mail.close();
		}
		if (this.redis != null) {
			try {
				this.redis.stop();
			}
			catch (IOException | RuntimeException ex) {
				log.warn("could not stop Redis: {}", ex.toString());
			}
		}
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException | RuntimeException ex) {
				log.warn("could not stop PostgreSQL: {}", ex.toString());
			}
		}
		deleteQuietly(this.options.readyFile());
		log.info("dev stack stopped");
	}

	private void printBanner(Map<String, String> environment) {
		StringBuilder banner = new StringBuilder(System.lineSeparator());
		if (this.options.infraOnly()) {
			banner.append("GE-Metrics infrastructure is up (--infra-only). Give the apps these settings:\n");
			environment.forEach((key, value) -> banner.append("  ").append(key).append('=').append(value).append('\n'));
		}
		else {
			String query = "http://127.0.0.1:" + this.options.queryPort();
			String command = "http://127.0.0.1:" + this.options.commandPort();
			banner.append("GE-Metrics is up")
				.append(this.options.demo()
						? " in demo mode (recorded OSRS prices of 2025-05-26, served by a local stub)\n"
						: " in live mode (polling " + this.options.liveBaseUrl() + ")\n");
			banner.append("  Items API          ").append(query).append("/api/v1/items\n");
			banner.append("  One item           ").append(query).append("/api/v1/items/4151\n");
			banner.append("  Market stats       ").append(query).append("/api/v1/market/stats\n");
			banner.append("  Query Swagger UI   ").append(query).append("/swagger-ui.html\n");
			banner.append("  Command Swagger UI ").append(command).append("/swagger-ui.html\n");
			banner.append("  Health             ")
				.append(query)
				.append("/actuator/health, ")
				.append(command)
				.append("/actuator/health\n");
			banner.append("  PostgreSQL         ").append(environment.get("GE_DATABASE_URL")).append('\n');
			banner.append("  Redis              ").append(environment.get("GE_REDIS_URL")).append('\n');
			banner.append("  OSRS API           ").append(environment.get("GE_OSRS_BASE_URL")).append('\n');
		}
		if (this.mail != null) {
			banner.append("  Mail catcher       ")
				.append(this.mail.messagesUrl())
				.append(" (SMTP 127.0.0.1:")
				.append(this.options.smtpPort())
				.append("; each mail's links are printed here too)\n");
			if (!this.options.infraOnly()) {
				banner.append("  Verify an address  POST http://127.0.0.1:")
					.append(this.options.commandPort())
					.append("/api/v1/auth/verify-email {\"token\": the link's token=}, logged in as that account\n");
			}
		}
		banner.append("Price data: OSRS Wiki real-time prices API (CC BY-NC-SA 3.0). Press Ctrl-C to stop.\n");
		System.out.println(banner);
	}

	private void writeReadyFile(Map<String, String> environment) throws IOException {
		Path target = this.options.readyFile();
		if (target == null) {
			return;
		}
		StringBuilder lines = new StringBuilder();
		environment.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
		lines.append("GE_DEVSTACK_PID=").append(ProcessHandle.current().pid()).append('\n');
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		Files.writeString(temporary, lines);
		Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		log.info("deleting {} (--fresh)", directory);
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.debug("could not delete {}", file);
		}
	}

}
