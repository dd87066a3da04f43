package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TransactionRowTest {

	static final UUID FLIP = UUID.randomUUID();

	@Test
	void profitIsQuantityTimesSellLessTaxLessBuy() {
		TransactionRow sale = TransactionRow.sale(FLIP, "s", 4151, 3, 1_800_000, Instant.parse("2025-06-10T00:00:00Z"));

		assertThat(sale.taxPerItem()).isEqualTo(36_000);
		assertThat(sale.profit(1_700_000)).isEqualTo(3 * 64_000);
	}

	@Test
	void aSaleBeforeTheTaxPaysNone() {
		TransactionRow sale = TransactionRow.sale(FLIP, "s", 4151, 1, 1_800_000, Instant.parse("2021-01-01T00:00:00Z"));

		assertThat(sale.taxPerItem()).isZero();
	}

	@Test
	void aWriteOffLosesWhatTheItemsCost() {
		TransactionRow writeOff = TransactionRow.writeOff(FLIP, 4, Instant.parse("2025-06-10T00:00:00.123456789Z"));

		assertThat(writeOff.profit(1_000)).isEqualTo(-4_000);
		assertThat(writeOff.soldAt()).isEqualTo(Instant.parse("2025-06-10T00:00:00.123456Z"));
	}

	@Test
	void refusesAProfitBeyondALong() {
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> TransactionRow.profit(Long.MAX_VALUE / 2, Integer.MAX_VALUE, 0, 1));
	}

}
