package com.gemetrics.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@link DevStack} starts, read from command-line flags first and environment
 * variables second.
 *
 * @param demo serve the recorded OSRS fixtures from a local stub instead of calling the
 * real API
 * @param infraOnly start PostgreSQL, Redis and the stub only, not the apps
 * @param postgresPort port of the embedded PostgreSQL
 * @param redisPort port of the embedded Redis
 * @param stubPort port of the OSRS stub (demo mode)
 * @param commandPort port of the command-side app
 * @param queryPort port of the query-side app
 * @param dataDir data directory of the embedded PostgreSQL; it survives restarts
 * @param fresh delete {@code dataDir} before starting, so the stack starts empty
 * @param perturbPrices the stub shifts every price on each {@code /latest} request
 * (benchmarks)
 * @param commandJar the command-side jar
 * @param queryJar the query-side jar
 * @param databaseUrl an external database to use instead of the embedded one, or
 * {@code null}
 * @param databaseUsername user for {@code databaseUrl}
 * @param databasePassword password for {@code databaseUrl}
 * @param redisUrl an external Redis to use instead of the embedded one, or {@code null}
 * @param liveBaseUrl base URL of the real OSRS prices API (live mode)
 * @param appJvmOptions extra JVM options for both apps
 * @param startTimeout how long to wait for both apps to become ready
 * @param readyFile where to write the stack's settings as {@code KEY=value} lines once it
 * is up, or {@code null}
 * @param mailCatcher start the mail catcher and send the command side's mail to it
 * @param smtpPort SMTP port of the mail catcher
 * @param mailPort HTTP port of the mail catcher's {@code /messages}
 */
record DevStackOptions(boolean demo, boolean infraOnly, int postgresPort, int redisPort, int stubPort, int commandPort,
		int queryPort, Path dataDir, boolean fresh, boolean perturbPrices, Path commandJar, Path queryJar,
		String databaseUrl, String databaseUsername, String databasePassword, String redisUrl, String liveBaseUrl,
		List<String> appJvmOptions, Duration startTimeout, Path readyFile, boolean mailCatcher, int smtpPort,
		int mailPort) {

	static final String LIVE_BASE_URL = "https://prices.runescape.wiki/api/v1/osrs";

	private static final List<String> KNOWN_FLAGS = List.of("--demo", "--live", "--infra-only", "--postgres-port",
			"--redis-port", "--stub-port", "--command-port", "--query-port", "--data-dir", "--fresh",
			"--perturb-prices", "--command-jar", "--query-jar", "--start-timeout", "--ready-file", "--smtp-port",
			"--mail-port", "--no-mail", "--help", "-h");

	static final String USAGE = """
			Usage: java -jar devstack/target/devstack-0.1.0-SNAPSHOT-launcher.jar [options]

			Starts an embedded PostgreSQL and Redis, the OSRS stub (demo mode), and both apps.

			  --demo                 serve recorded OSRS responses from a local stub (default; GE_DEMO=true)
			  --live                 poll the real OSRS Wiki prices API (GE_DEMO=false; GE_OSRS_BASE_URL)
			  --infra-only           start PostgreSQL, Redis and the stub only, not the apps
			  --postgres-port=N      embedded PostgreSQL port (GE_DEVSTACK_POSTGRES_PORT, 54329)
			  --redis-port=N         embedded Redis port (GE_DEVSTACK_REDIS_PORT, 63799)
			  --stub-port=N          OSRS stub port (GE_DEVSTACK_STUB_PORT, 8089)
			  --command-port=N       command-side port (GE_DEVSTACK_COMMAND_PORT, 8081)
			  --query-port=N         query-side port (GE_DEVSTACK_QUERY_PORT, 8082)
			  --data-dir=PATH        PostgreSQL data directory (GE_DEVSTACK_DATA_DIR, ./run/postgres); the
			                         stack's generated secrets are kept beside it (PATH-secrets.properties)
			  --fresh                delete the data directory (and its secrets) first
			  --perturb-prices       the stub shifts every price on each /latest request (GE_STUB_PERTURB_PRICES)
			  --command-jar=PATH     (GE_DEVSTACK_COMMAND_JAR, command-side/target/command-side-0.1.0-SNAPSHOT.jar)
			  --query-jar=PATH       (GE_DEVSTACK_QUERY_JAR, query-side/target/query-side-0.1.0-SNAPSHOT.jar)
			  --start-timeout=SEC    wait this long for both apps to be ready (GE_DEVSTACK_START_TIMEOUT, 300)
			  --ready-file=PATH      once up, write the stack's settings there as KEY=value lines
			  --smtp-port=N          mail catcher's SMTP port (GE_DEVSTACK_SMTP_PORT, 2525): the command
			                         side's mail goes there, each one's subject and links are printed
			  --mail-port=N          mail catcher's web port (GE_DEVSTACK_MAIL_PORT, 8025): GET /messages
			  --no-mail              no mail catcher (GE_DEVSTACK_MAIL=false); also when SPRING_MAIL_HOST is set

			  GE_DATABASE_URL (+ GE_DATABASE_USERNAME, GE_DATABASE_PASSWORD) and GE_REDIS_URL, when set,
			  are used instead of the embedded servers (then both apps connect as that user).
			  GE_AUTH_KEY_SECRET and GE_INTERNAL_TOKEN, when set, replace the generated ones. GE_DEVSTACK_JAVA_OPTS adds JVM options to both apps.
			  The apps listen on 127.0.0.1 unless SERVER_ADDRESS is set (e.g. 0.0.0.0), and run with the
			  devstack profile (plain console lines, not JSON) unless SPRING_PROFILES_ACTIVE is set.
			""";

	/** Reads the options from {@code args} and {@code env}. */
	static DevStackOptions parse(String[] args, Map<String, String> env) {
		List<String> flags = Arrays.asList(args);
		for (String flag : flags) {
			String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
			if (!KNOWN_FLAGS.contains(name)) {
				throw new IllegalArgumentException("unknown option " + flag);
			}
		}
		boolean demo = Boolean.parseBoolean(setting(flags, env, null, "GE_DEMO", "true"));
		if (flags.contains("--live")) {
			demo = false;
		}
		if (flags.contains("--demo")) {
			demo = true;
		}
		String jvmOptions = setting(flags, env, null, "GE_DEVSTACK_JAVA_OPTS", "").trim();
		String readyFile = setting(flags, env, "--ready-file", null, null);
		return new DevStackOptions(demo, flags.contains("--infra-only"),
				port(flags, env, "--postgres-port", "GE_DEVSTACK_POSTGRES_PORT", 54329),
				port(flags, env, "--redis-port", "GE_DEVSTACK_REDIS_PORT", 63799),
				port(flags, env, "--stub-port", "GE_DEVSTACK_STUB_PORT", 8089),
				port(flags, env, "--command-port", "GE_DEVSTACK_COMMAND_PORT", 8081),
				port(flags, env, "--query-port", "GE_DEVSTACK_QUERY_PORT", 8082),
				Path.of(setting(flags, env, "--data-dir", "GE_DEVSTACK_DATA_DIR", "run/postgres")).toAbsolutePath(),
				flags.contains("--fresh"),
				flags.contains("--perturb-prices")
						|| Boolean.parseBoolean(setting(flags, env, null, "GE_STUB_PERTURB_PRICES", "false")),
				Path.of(setting(flags, env, "--command-jar", "GE_DEVSTACK_COMMAND_JAR",
						"command-side/target/command-side-0.1.0-SNAPSHOT.jar")),
				Path.of(setting(flags, env, "--query-jar", "GE_DEVSTACK_QUERY_JAR",
						"query-side/target/query-side-0.1.0-SNAPSHOT.jar")),
				setting(flags, env, null, "GE_DATABASE_URL", null),
				setting(flags, env, null, "GE_DATABASE_USERNAME", "postgres"),
				setting(flags, env, null, "GE_DATABASE_PASSWORD", ""), setting(flags, env, null, "GE_REDIS_URL", null),
				setting(flags, env, null, "GE_OSRS_BASE_URL", LIVE_BASE_URL),
				jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")),
				Duration.ofSeconds(
						Long.parseLong(setting(flags, env, "--start-timeout", "GE_DEVSTACK_START_TIMEOUT", "300"))),
				(readyFile == null) ? null : Path.of(readyFile).toAbsolutePath(),
				!flags.contains("--no-mail")
						&& Boolean.parseBoolean(setting(flags, env, null, "GE_DEVSTACK_MAIL", "true"))
						&& setting(flags, env, null, "SPRING_MAIL_HOST", null) == null,
				port(flags, env, "--smtp-port", "GE_DEVSTACK_SMTP_PORT", 2525),
				port(flags, env, "--mail-port", "GE_DEVSTACK_MAIL_PORT", 8025));
	}

	private static int port(List<String> flags, Map<String, String> env, String flag, String variable, int fallback) {
		int port = Integer.parseInt(setting(flags, env, flag, variable, Integer.toString(fallback)));
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(flag + " out of range: " + port);
		}
		return port;
	}

	private static String setting(List<String> flags, Map<String, String> env, String flag, String variable,
			String fallback) {
		if (flag != null) {
			for (String candidate : flags) {
				if (candidate.startsWith(flag + "=")) {
					return candidate.substring(flag.length() + 1);
				}
			}
		}
		if (variable != null) {
			String value = env.get(variable);
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		return fallback;
	}

}
