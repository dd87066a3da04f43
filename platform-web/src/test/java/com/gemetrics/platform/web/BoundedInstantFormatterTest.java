package com.gemetrics.platform.web;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.format.support.FormattingConversionService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Instant parameters that PostgreSQL cannot hold answer 400 instead of failing the query
 * with a 500; ordinary ones read as before.
 */
class BoundedInstantFormatterTest {

	private final BoundedInstantFormatter formatter = new BoundedInstantFormatter();

	@Test
	void readsIsoInstantsAndEpochMillisAsSpringDoes() throws Exception {
		assertThat(this.formatter.parse("2026-01-10T12:00:00Z", Locale.ROOT))
			.isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
		assertThat(this.formatter.parse("1748240400000", Locale.ROOT)).isEqualTo(Instant.ofEpochMilli(1748240400000L));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
			"-0001-12-31T23:59:59Z" })
	void refusesInstantsOutsideTheYearsOneTo9999(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.formatter.parse(text, Locale.ROOT));
	}

	@Test
	void answersAParameterOutOfRangeWith400() throws Exception {
		FormattingConversionService conversions = new FormattingConversionService();
		conversions.addFormatterForFieldType(Instant.class, this.formatter);
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new InstantController())
			.setControllerAdvice(new ApiExceptionHandler())
			.setConversionService(conversions)
			.build();

		mvc.perform(get("/since").param("from", "+999999999-12-31T23:59:59Z"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
		mvc.perform(get("/since").param("from", "2026-01-10T12:00:00Z")).andExpect(status().isOk());
	}

	@RestController
	static class InstantController {

		@GetMapping("/since")
		String since(@RequestParam Instant from) {
			return from.toString();
		}

	}

}
