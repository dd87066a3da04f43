package com.gemetrics.command.billing;

import java.nio.charset.StandardCharsets;

import com.gemetrics.platform.web.ApiException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(StripeWebhookController.class)
class StripeWebhookControllerTest {

	private static final String BODY = "{\"id\": \"evt_1\",  \"type\": \"invoice.paid\"}\n";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	StripeWebhooks webhooks;

	@Test
	void takesTheRawBodyAndTheSignatureWithoutAToken() throws Exception {
		byte[] raw = BODY.getBytes(StandardCharsets.UTF_8);
		given(this.webhooks.receive(raw, "t=1,v1=ab")).willReturn(true);

		this.mvc
			.perform(post(StripeWebhookController.PATH).contentType("application/json; charset=utf-8")
				.header("Stripe-Signature", "t=1,v1=ab")
				.content(raw))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.received").value(true))
			.andExpect(jsonPath("$.duplicate").value(false));
		then(this.webhooks).should().receive(raw, "t=1,v1=ab");
	}

	@Test
	void aRedeliveryIsAnswered200Too() throws Exception {
		given(this.webhooks.receive(any(), eq("t=1,v1=ab"))).willReturn(false);

		this.mvc
			.perform(post(StripeWebhookController.PATH).contentType("application/json")
				.header("Stripe-Signature", "t=1,v1=ab")
				.content(BODY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.duplicate").value(true));
	}

	@Test
	void aRefusedSignatureIsProblemJson() throws Exception {
		given(this.webhooks.receive(any(), any())).willThrow(new ApiException(HttpStatus.BAD_REQUEST,
				StripeWebhooks.SIGNATURE_INVALID, "The Stripe-Signature header is missing."));

		this.mvc.perform(post(StripeWebhookController.PATH).contentType("application/json").content(BODY))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("STRIPE_SIGNATURE_INVALID"));
	}

}
