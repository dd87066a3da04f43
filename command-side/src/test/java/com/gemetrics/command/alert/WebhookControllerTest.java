package com.gemetrics.command.alert;

import java.net.URI;
import java.util.UUID;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.platform.subscription.EntitlementLookup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(WebhookController.class)
class WebhookControllerTest {

	static final UUID USER = UUID.randomUUID();

	static final String BODY = """
			{"url": "https://93.184.215.14/hook"}
			""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	WebhookUrls urls;

	@MockitoBean
	WebhookRepository webhooks;

	@MockitoBean
	EntitlementLookup entitlements;

	@Test
	void aPremiumSubscriberSetsAWebhook() throws Exception {
		given(this.entitlements.forUser(USER)).willReturn(Entitlements.PREMIUM);
		given(this.urls.check(anyString())).willReturn(URI.create("https://93.184.215.14/hook"));

		this.mvc.perform(
				put("/api/v1/watchlist/webhook").with(caller()).contentType(MediaType.APPLICATION_JSON).content(BODY))
			.andExpect(status().isNoContent());

		then(this.webhooks).should().save(eq(USER), eq("https://93.184.215.14/hook"), any());
	}

	@Test
	void aFreeUserIsRefusedWithPremiumRequiredAndNothingIsStored() throws Exception {
		given(this.entitlements.forUser(USER)).willReturn(Entitlements.FREE);

		this.mvc.perform(
				put("/api/v1/watchlist/webhook").with(caller()).contentType(MediaType.APPLICATION_JSON).content(BODY))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("PREMIUM_REQUIRED"));

		then(this.urls).should(never()).check(anyString());
		then(this.webhooks).should(never()).save(any(), any(), any());
	}

	@Test
	void anyoneRemovesTheirWebhook() throws Exception {
		given(this.entitlements.forUser(USER)).willReturn(Entitlements.FREE);

		this.mvc.perform(delete("/api/v1/watchlist/webhook").with(caller())).andExpect(status().isNoContent());

		then(this.webhooks).should().delete(USER);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor caller() {
		return jwt().jwt((token) -> token.subject(USER.toString()));
	}

}
