package com.gemetrics.command.flip;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.flip.FlipRequests.OpenFlipRequest;
import com.gemetrics.command.flip.FlipRequests.RecordSaleRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(FlipController.class)
class FlipControllerTest {

	static final UserId CALLER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));

	static final FlipId FLIP = new FlipId(UUID.fromString("00000000-0000-0000-0000-00000000f11b"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Flips flips;

	@Test
	void opensAFlipWith201AndLocation() throws Exception {
		given(this.flips.open(eq(CALLER), any())).willReturn(FLIP);

		this.mvc
			.perform(post("/api/v1/flips").with(jwt().jwt((token) -> token.subject(CALLER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"itemId": 4151, "quantity": 100, "price": 1500000, "boughtAt": "2026-01-10T12:00:00Z"}
						"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/flips/" + FLIP))
			.andExpect(jsonPath("$.id").value(FLIP.toString()));
		then(this.flips).should()
			.open(CALLER, new OpenFlipRequest(4151, 100L, 1_500_000L, Instant.parse("2026-01-10T12:00:00Z"), null));
	}

	@Test
	void recordsASaleWith201() throws Exception {
		given(this.flips.recordSale(eq(CALLER), eq(FLIP), any())).willReturn("sale-1");

		this.mvc
			.perform(post("/api/v1/flips/" + FLIP + "/sales")
				.with(jwt().jwt((token) -> token.subject(CALLER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"quantity": 40, "price": 1600000, "soldAt": "2026-01-10T13:00:00Z"}
						"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/flips/" + FLIP + "/sales/sale-1"));
		then(this.flips).should()
			.recordSale(CALLER, FLIP, new RecordSaleRequest(40L, 1_600_000L, Instant.parse("2026-01-10T13:00:00Z")));
	}

	@Test
	void answersARejectionWithItsStatusAndCode() throws Exception {
		given(this.flips.recordSale(eq(CALLER), eq(FLIP), any())).willThrow(new FlipRejected(FlipError.OVERSOLD));

		this.mvc
			.perform(post("/api/v1/flips/" + FLIP + "/sales")
				.with(jwt().jwt((token) -> token.subject(CALLER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"quantity": 40, "price": 1600000, "soldAt": "2026-01-10T13:00:00Z"}
						"""))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.code").value("OVERSOLD"));
	}

	@Test
	void refusesAMissingFieldWith400() throws Exception {
		this.mvc
			.perform(post("/api/v1/flips").with(jwt().jwt((token) -> token.subject(CALLER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"itemId": 4151, "quantity": 100}
						"""))
			.andExpect(status().isBadRequest());
		then(this.flips).should(never()).open(any(), any());
	}

	@Test
	void refusesAnonymousCallersWith401() throws Exception {
		this.mvc.perform(post("/api/v1/flips").contentType(MediaType.APPLICATION_JSON).content("""
				{"itemId": 4151, "quantity": 100, "price": 1500000, "boughtAt": "2026-01-10T12:00:00Z"}
				""")).andExpect(status().isUnauthorized());
		then(this.flips).should(never()).open(any(), any());
	}

}
