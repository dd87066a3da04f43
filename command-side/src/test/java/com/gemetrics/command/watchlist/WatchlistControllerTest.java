package com.gemetrics.command.watchlist;

import java.util.List;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.command.watchlist.WatchlistRequests.AlertRequest;
import com.gemetrics.command.watchlist.WatchlistRequests.WatchItemRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static com.gemetrics.command.watchlist.WatchlistFixtures.OWNER;
import static com.gemetrics.command.watchlist.WatchlistFixtures.WATCHLIST;
import static com.gemetrics.command.watchlist.WatchlistFixtures.WHIP;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(WatchlistController.class)
class WatchlistControllerTest {

	private static final ConsistencyToken TOKEN = new ConsistencyToken(ConsistencyToken.WATCHLIST, WATCHLIST.toString(),
			0);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Watchlists watchlists;

	@Test
	void answers201WithTheRulesAndTheTokenTheFirstTime() throws Exception {
		AlertRule rule = new AlertRule("r1", AlertType.PRICE_AT_OR_ABOVE, 1_500_000, true);
		given(this.watchlists.watch(eq(OWNER), eq(WHIP), any()))
			.willReturn(new Watchlists.WatchResult(true, List.of(rule), TOKEN));

		this.mvc
			.perform(put("/api/v1/watchlist/items/" + WHIP).with(jwt().jwt((token) -> token.subject(OWNER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"alerts": [{"type": "PRICE_AT_OR_ABOVE", "value": 1500000}]}
						"""))
			.andExpect(status().isCreated())
			.andExpect(header().string(ConsistencyToken.HEADER, TOKEN.toString()))
			.andExpect(jsonPath("$.itemId").value(WHIP))
			.andExpect(jsonPath("$.rules[0].ruleId").value("r1"))
			.andExpect(jsonPath("$.rules[0].active").value(true))
			.andExpect(jsonPath("$.consistencyToken").value(TOKEN.toString()));
		then(this.watchlists).should()
			.watch(OWNER, WHIP, new WatchItemRequest(List.of(new AlertRequest("PRICE_AT_OR_ABOVE", 1_500_000L, null))));
	}

	@Test
	void answers200WhenTheItemWasWatchedAlready() throws Exception {
		given(this.watchlists.watch(eq(OWNER), eq(WHIP), any()))
			.willReturn(new Watchlists.WatchResult(false, List.of(), TOKEN));

		this.mvc
			.perform(put("/api/v1/watchlist/items/" + WHIP).with(jwt().jwt((token) -> token.subject(OWNER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"alerts\": []}"))
			.andExpect(status().isOk());
	}

	@Test
	void refusesAMissingAlertListWithoutCallingTheService() throws Exception {
		this.mvc
			.perform(put("/api/v1/watchlist/items/" + WHIP).with(jwt().jwt((token) -> token.subject(OWNER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isBadRequest());
		then(this.watchlists).should(never()).watch(any(), any(Integer.class), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-5", "2147483648", "9223372036854775807" })
	void refusesAThresholdOutsideTheGamesBoundsWith400(String value) throws Exception {
		this.mvc
			.perform(put("/api/v1/watchlist/items/" + WHIP).with(jwt().jwt((token) -> token.subject(OWNER.toString())))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"alerts\": [{\"type\": \"PRICE_AT_OR_ABOVE\", \"value\": " + value + "}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
			.andExpect(jsonPath("$.errors[0].field").value("alerts[0].value"));
		then(this.watchlists).should(never()).watch(any(), any(Integer.class), any());
	}

	@Test
	void answersARejectionWithItsStatusAndCode() throws Exception {
		given(this.watchlists.pause(OWNER, "r9")).willThrow(new WatchlistRejected(WatchlistError.RULE_NOT_FOUND));

		this.mvc
			.perform(post("/api/v1/watchlist/rules/r9/pause")
				.with(jwt().jwt((token) -> token.subject(OWNER.toString()))))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("RULE_NOT_FOUND"));
	}

	@Test
	void unwatchAnswers204WithTheToken() throws Exception {
		given(this.watchlists.unwatch(OWNER, WHIP)).willReturn(TOKEN);

		this.mvc
			.perform(delete("/api/v1/watchlist/items/" + WHIP)
				.with(jwt().jwt((token) -> token.subject(OWNER.toString()))))
			.andExpect(status().isNoContent())
			.andExpect(header().string(ConsistencyToken.HEADER, TOKEN.toString()));
	}

	@Test
	void refusesAnonymousCallers() throws Exception {
		this.mvc.perform(delete("/api/v1/watchlist/items/" + WHIP)).andExpect(status().isUnauthorized());
	}

}
