package com.gemetrics.command.user;

import java.util.UUID;

import com.gemetrics.api.user.UserId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(AccountErasureController.class)
@Import(ClientIp.class)
class AccountErasureControllerTest {

	static final UUID USER = UUID.randomUUID();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AccountErasures erasures;

	@Test
	void theCallerErasesTheirOwnAccountWithTheirPassword() throws Exception {
		this.mvc
			.perform(delete("/api/v1/me").with(caller())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\": \"correct horse battery staple\"}"))
			.andExpect(status().isNoContent());

		then(this.erasures).should().erase(eq(new UserId(USER)), eq("correct horse battery staple"), anyString());
	}

	@Test
	void aWrongPasswordIsForbiddenAsProblemJson() throws Exception {
		willThrow(new UserRejected(UserError.PASSWORD_INCORRECT)).given(this.erasures)
			.erase(any(), anyString(), anyString());

		this.mvc
			.perform(delete("/api/v1/me").with(caller())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\": \"wrong\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("PASSWORD_INCORRECT"));
	}

	@Test
	void withoutAPasswordNothingIsErased() throws Exception {
		this.mvc.perform(delete("/api/v1/me").with(caller()).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(delete("/api/v1/me").with(caller())).andExpect(status().is4xxClientError());

		then(this.erasures).should(never()).erase(any(), any(), any());
	}

	@Test
	void anonymousCallersAreRefused() throws Exception {
		this.mvc
			.perform(delete("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\": \"correct horse battery staple\"}"))
			.andExpect(status().isUnauthorized());

		then(this.erasures).should(never()).erase(any(), any(), any());
	}

	private static RequestPostProcessor caller() {
		return jwt().jwt((token) -> token.subject(USER.toString()));
	}

}
