package com.gemetrics.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates PostgreSQL databases on a server: a named one for the dev stack, or a fresh
 * uniquely named one for each test context, so tests never see each other's rows.
 */
public final class Databases {

	private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private Databases() {
	}

	/**
	 * Creates database {@code name} unless it exists, connecting as {@code user} to the
	 * server's {@code postgres} database.
	 * @param serverUrl a JDBC URL of the server, e.g.
	 * {@code jdbc:postgresql://127.0.0.1:5432/}
	 * @return the JDBC URL of the database
	 */
	public static String ensureDatabase(String serverUrl, String user, String password, String name) {
		if (!SAFE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("unsafe database name: " + name);
		}
		String base = serverRoot(serverUrl);
		try (Connection connection = DriverManager.getConnection(base + "postgres", user, password);
				Statement statement = connection.createStatement()) {
			boolean exists;
			try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
				exists = rs.next();
			}
			if (!exists) {
				statement.execute("CREATE DATABASE " + name);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create database " + name + " on " + base, ex);
		}
		return base + name;
	}

	/**
	 * Creates login role {@code login} with {@code password} unless it exists, and makes
	 * it a member of the NOLOGIN group role {@code group} (which the migrations grant to;
	 * created here too when the migrations have not run yet), connecting as the superuser
	 * {@code user}. Roles belong to the whole server, so several processes may race to
	 * create the same one: losing that race is fine.
	 */
	public static void ensureLoginRole(String serverUrl, String user, String password, String login,
			String loginPassword, String group) {
		for (String name : new String[] { login, group }) {
			if (!SAFE_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("unsafe role name: " + name);
			}
		}
		String base = serverRoot(serverUrl);
		try (Connection connection = DriverManager.getConnection(base + "postgres", user, password);
				Statement statement = connection.createStatement()) {
			createRoleIfMissing(statement, group, "NOLOGIN");
			createRoleIfMissing(statement, login, "LOGIN PASSWORD '" + loginPassword.replace("'", "''") + "'");
			statement.execute("GRANT " + group + " TO " + login);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create login role " + login + " on " + base, ex);
		}
	}

	private static void createRoleIfMissing(Statement statement, String name, String options) throws SQLException {
		statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + name
				+ "') THEN CREATE ROLE " + name + " " + options
				+ "; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
	}

	/**
	 * Creates a new, empty database named {@code prefix_<random>} and returns its JDBC
	 * URL.
	 */
	public static String createFresh(String serverUrl, String user, String password, String prefix) {
		String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.toLowerCase(Locale.ROOT);
		return ensureDatabase(serverUrl, user, password, name);
	}

	/**
	 * {@code jdbc:postgresql://host:port/db?x} becomes
	 * {@code jdbc:postgresql://host:port/}.
	 */
	static String serverRoot(String url) {
		String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		int hostStart = withoutQuery.indexOf("//") + 2;
		int slash = withoutQuery.indexOf('/', hostStart);
		return (slash < 0) ? withoutQuery + "/" : withoutQuery.substring(0, slash + 1);
	}

}
