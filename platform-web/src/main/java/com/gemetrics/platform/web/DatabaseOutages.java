package com.gemetrics.platform.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached (stopped, restarting, the pool
 * out of connections) rather than a bug: such a request is answered 503
 * {@code DATABASE_UNAVAILABLE} with {@code Retry-After}, since the same request may well
 * succeed once PostgreSQL is back. Nothing was stored: the transaction never committed.
 */
final class DatabaseOutages {

	static final String RETRY_AFTER_SECONDS = "5";

	private DatabaseOutages() {
	}

	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isClosedByThePool(sql))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * HikariCP's answer on a connection it has closed under its user (evicted as broken
	 * when the server went away mid-request): "Connection is closed", without a SQLSTATE.
	 */
	private static boolean isClosedByThePool(SQLException sql) {
		return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
	}

	/**
	 * SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shutting down,
	 * or not yet accepting connections).
	 */
	private static boolean isConnectionState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

}
