package com.gemetrics.platform.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.web.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallerArgumentResolverTest {

	final CallerArgumentResolver resolver = new CallerArgumentResolver();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void resolvesOnlyAnnotatedUserIdParameters() throws Exception {
		Method method = Handlers.class.getDeclaredMethod("handle", UserId.class, UserId.class, String.class);
		assertThat(this.resolver.supportsParameter(new MethodParameter(method, 0))).isTrue();
		assertThat(this.resolver.supportsParameter(new MethodParameter(method, 1))).as("not annotated").isFalse();
		assertThat(this.resolver.supportsParameter(new MethodParameter(method, 2))).as("not a UserId").isFalse();
	}

	@Test
	void theCallerIsTheSubjectOfTheAuthenticatedRequest() throws Exception {
		UUID id = UUID.randomUUID();
		SecurityContextHolder.getContext().setAuthentication(authenticated(id.toString()));
		Method method = Handlers.class.getDeclaredMethod("handle", UserId.class, UserId.class, String.class);

		assertThat(this.resolver.resolveArgument(new MethodParameter(method, 0), null, null, null))
			.isEqualTo(new UserId(id));
	}

	@Test
	void noUserOrAnAnonymousOneIsUnauthenticated() {
		Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		Authentication unauthenticated = UsernamePasswordAuthenticationToken
			.unauthenticated(UUID.randomUUID().toString(), null);
		for (Authentication authentication : new Authentication[] { null, anonymous, unauthenticated }) {
			assertThatExceptionOfType(ApiException.class)
				.isThrownBy(() -> CallerArgumentResolver.callerOf(authentication))
				.satisfies((ex) -> {
					assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
					assertThat(ex.code()).isEqualTo("AUTHENTICATION_REQUIRED");
				});
		}
	}

	@Test
	void aSubjectThatIsNoUserIdIsAnInvalidToken() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> CallerArgumentResolver.callerOf(authenticated("system:poller")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(ex.code()).isEqualTo("INVALID_TOKEN");
			});
	}

	private static Authentication authenticated(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of());
	}

	static class Handlers {

		void handle(@Caller UserId caller, UserId other, @Caller String name) {
		}

	}

}
