package com.gemetrics.platform.protection;

import java.util.List;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonReadLimitsTest {

	static ObjectMapper limitedMapper() {
		Jackson2ObjectMapperBuilder builder = Jackson2ObjectMapperBuilder.json();
		new ProtectionConfig()
			.jsonReadLimits(new ProtectionProperties(List.of(), List.of(), DataSize.ofKilobytes(64),
					DataSize.ofMegabytes(2), 32, 1000, RateLimiterTest.settings(1)))
			.customize(builder);
		return builder.build();
	}

	static String nested(int depth) {
		return "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
	}

	@Test
	void readsJsonUpToTheNestingCap() throws Exception {
		assertThat(limitedMapper().readTree(nested(32)).get("a").isArray()).isTrue();
	}

	@Test
	void refusesDeeperJsonAndLongerStrings() {
		ObjectMapper mapper = limitedMapper();

		assertThatExceptionOfType(StreamConstraintsException.class).isThrownBy(() -> mapper.readTree(nested(100)))
			.withMessageContaining("nesting depth");
		assertThatExceptionOfType(StreamConstraintsException.class)
			.isThrownBy(() -> mapper.readTree("{\"a\":\"" + "x".repeat(1001) + "\"}"));
	}

}
