package com.gemetrics.command.user;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

import com.gemetrics.platform.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignupMetricsTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SignupMetrics signups = new SignupMetrics(this.meters);

	@Test
	void registersEverySeriesAtZeroBeforeTheFirstSignup() {
		assertThat(counts()).containsExactlyInAnyOrderEntriesOf(Map.of("succeeded/none", 0.0, "refused/email_taken",
				0.0, "refused/password_too_short", 0.0, "refused/password_too_long", 0.0, "refused/password_too_common",
				0.0, "refused/other", 0.0, "failed/database", 0.0, "failed/error", 0.0));
	}

	@Test
	void countsASucceededRegistrationAndReturnsItsResult() {
		String result = this.signups.count(() -> "user-1");

		assertThat(result).isEqualTo("user-1");
		assertThat(onlyMoved()).isEqualTo(Map.of("succeeded/none", 1.0));
	}

	@ParameterizedTest
	@CsvSource({ "409, EMAIL_TAKEN, refused/email_taken", "400, PASSWORD_TOO_SHORT, refused/password_too_short",
			"400, PASSWORD_TOO_LONG, refused/password_too_long",
			"400, PASSWORD_TOO_COMMON, refused/password_too_common", "422, SOMETHING_NEW, refused/other",
			"503, BILLING_UNAVAILABLE, failed/error" })
	void countsARefusalByItsCodeAndAServerSideApiErrorAsAFailure(int status, String code, String series) {
		ApiException refusal = new ApiException(HttpStatus.valueOf(status), code, "no");

		assertThatThrownBy(() -> this.signups.count(() -> {
			throw refusal;
		})).isSameAs(refusal);

		assertThat(onlyMoved()).isEqualTo(Map.of(series, 1.0));
	}

	@Test
	void findsARefusalInsideTheCommandBusException() {
		CommandExecutionException wrapped = new CommandExecutionException("handler refused",
				new UserRejected(UserError.EMAIL_TAKEN));

		assertThatThrownBy(() -> this.signups.count(() -> {
			throw wrapped;
		})).isSameAs(wrapped);

		assertThat(onlyMoved()).isEqualTo(Map.of("refused/email_taken", 1.0));
	}

	@Test
	void countsDatabaseErrorsAnywhereInTheCauseAsDatabaseFailures() {
		RuntimeException[] failures = { new DataAccessResourceFailureException("connection refused"),
				new CannotCreateTransactionException("no connection"),
				new EventStoreException("append failed", new SQLException("canceling statement", "57014")) };
		for (RuntimeException failure : failures) {
			assertThatThrownBy(() -> this.signups.count(() -> {
				throw failure;
			})).isSameAs(failure);
		}

		assertThat(onlyMoved()).isEqualTo(Map.of("failed/database", 3.0));
	}

	@Test
	void countsAnythingElseAsAnError() {
		assertThatThrownBy(() -> this.signups.count(() -> {
			throw new IllegalStateException("bug");
		})).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> this.signups.count(() -> {
			throw new OutOfMemoryError("argon2");
		})).isInstanceOf(OutOfMemoryError.class);

		assertThat(onlyMoved()).isEqualTo(Map.of("failed/error", 2.0));
	}

	@Test
	void exportsTheSeriesTheAlertRuleReadsUnderItsPrometheusName() {
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		SignupMetrics exported = new SignupMetrics(prometheus);
		assertThatThrownBy(() -> exported.count(() -> {
			throw new DataAccessResourceFailureException("down");
		}));

		assertThat(prometheus.scrape().lines()).contains(
				"ge_auth_signups_total{outcome=\"succeeded\",reason=\"none\"} 0.0",
				"ge_auth_signups_total{outcome=\"refused\",reason=\"email_taken\"} 0.0",
				"ge_auth_signups_total{outcome=\"failed\",reason=\"database\"} 1.0",
				"ge_auth_signups_total{outcome=\"failed\",reason=\"error\"} 0.0");
	}

	private Map<String, Double> counts() {
		Map<String, Double> counts = new TreeMap<>();
		for (Counter counter : this.meters.find(SignupMetrics.SIGNUPS).counters()) {
			counts.put(counter.getId().getTag("outcome") + "/" + counter.getId().getTag("reason"), counter.count());
		}
		return counts;
	}

	private Map<String, Double> onlyMoved() {
		Map<String, Double> moved = new TreeMap<>(counts());
		moved.values().removeIf((count) -> count == 0.0);
		return moved;
	}

}
