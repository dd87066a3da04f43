package com.gemetrics.command.flip;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FlipItemsTest {

	private final JdbcTemplate jdbc = mock(JdbcTemplate.class);

	private final FlipItems items = new FlipItems(this.jdbc);

	@Test
	void asksTheCatalogueOnceForAnItemItHasFound() {
		when(this.jdbc.queryForObject(anyString(), eq(Boolean.class), eq(4151))).thenReturn(true);

		assertThat(this.items.exists(4151)).isTrue();
		assertThat(this.items.exists(4151)).isTrue();
		assertThat(this.items.existing(List.of(4151))).containsExactly(4151);

		verify(this.jdbc, times(1)).queryForObject(anyString(), eq(Boolean.class), eq(4151));
	}

	@Test
	void asksAgainForAnItemItHasNotFound() {
		when(this.jdbc.queryForObject(anyString(), eq(Boolean.class), eq(1))).thenReturn(false, true);

		assertThat(this.items.exists(1)).isFalse();
		assertThat(this.items.exists(1)).isTrue();

		verify(this.jdbc, times(2)).queryForObject(anyString(), eq(Boolean.class), eq(1));
	}

	@Test
	void asksTheCatalogueOnlyForTheItemsNotYetFound() {
		when(this.jdbc.queryForObject(anyString(), eq(Boolean.class), eq(4151))).thenReturn(true);
		when(this.jdbc.query(any(PreparedStatementCreator.class), any(RowMapper.class))).thenReturn(List.of(2));
		this.items.exists(4151);

		assertThat(this.items.existing(List.of(4151, 2, 3))).containsExactlyInAnyOrder(4151, 2);
		assertThat(this.items.existing(List.of(4151, 2))).containsExactlyInAnyOrder(4151, 2);

		verify(this.jdbc, times(1)).query(any(PreparedStatementCreator.class), any(RowMapper.class));
	}

}
