package com.gemetrics.query.projections;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * A {@link JdbcTemplate} for a rebuild's projection: every SQL string it sends has
 * {@code read.<name>} replaced by {@code read_next.<name>} for the names given (and only
 * those: a read of another projection's table stays on {@code read}). Its connections are
 * those of the current transaction on the app's data source (through a
 * {@link TransactionAwareDataSourceProxy}), so the rebuild's writes commit with the
 * processor's batch and its token, and run in the per-event savepoints like the live
 * projection's.
 */
final class ShadowSchemaJdbc {

	static final String LIVE = "read";

	static final String SHADOW = "read_next";

	private ShadowSchemaJdbc() {
	}

	static JdbcTemplate template(DataSource dataSource, Collection<String> names) {
		return new JdbcTemplate(
				new RewritingDataSource(new TransactionAwareDataSourceProxy(dataSource), rewriter(names)));
	}

	/** {@code read.<name>} to {@code read_next.<name>}, as whole identifiers. */
	static UnaryOperator<String> rewriter(Collection<String> names) {
		String alternatives = names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
		Pattern pattern = Pattern.compile("(?<![\\w.\"])" + LIVE + "\\.(" + alternatives + ")(?![\\w\"])");
		return (sql) -> (sql != null) ? pattern.matcher(sql).replaceAll(Matcher.quoteReplacement(SHADOW + ".") + "$1")
				: null;
	}

	private static final Set<String> CONNECTION_SQL = Set.of("prepareStatement", "prepareCall", "nativeSQL");

	private static final Set<String> STATEMENT_SQL = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "addBatch");

	private record RewritingDataSource(DataSource target, UnaryOperator<String> rewrite) implements DataSource {

		@Override
		public Connection getConnection() throws SQLException {
			return connection(this.target.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return connection(this.target.getConnection(username, password));
		}

		private Connection connection(Connection connection) {
			return proxy(Connection.class, connection, CONNECTION_SQL, (method, result) -> {
				if (result instanceof Statement statement && "createStatement".equals(method.getName())) {
					return proxy(Statement.class, statement, STATEMENT_SQL, (m, r) -> r);
				}
				return result;
			});
		}

		private <T> T proxy(Class<T> type, T target, Set<String> rewritten, ResultMapper mapper) {
			InvocationHandler handler = (proxy, method, args) -> {
				if (args != null && args.length > 0 && args[0] instanceof String sql
						&& rewritten.contains(method.getName())) {
					args[0] = this.rewrite.apply(sql);
				}
				try {
					return mapper.map(method, method.invoke(target, args));
				}
				catch (InvocationTargetException ex) {
					throw ex.getTargetException();
				}
			};
			return type.cast(
					Proxy.newProxyInstance(ShadowSchemaJdbc.class.getClassLoader(), new Class<?>[] { type }, handler));
		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return this.target.getLogWriter();
		}

		@Override
		public void setLogWriter(PrintWriter out) throws SQLException {
			this.target.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			this.target.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return this.target.getLoginTimeout();
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			return this.target.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return this.target.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return this.target.isWrapperFor(type);
		}

	}

	@FunctionalInterface
	private interface ResultMapper {

		Object map(Method method, Object result);

	}

}
