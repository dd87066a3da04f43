package com.gemetrics.platform.security;

import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.web.ApiException;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link Caller @Caller UserId} parameters: the one place both apps turn the
 * authenticated request into the caller's user id (the access token's subject).
 * {@link #callerOf(Authentication)} serves the handlers that need the authentication
 * itself as well.
 */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(Caller.class) && UserId.class.equals(parameter.getParameterType());
	}

	@Override
	public UserId resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		return callerOf(SecurityContextHolder.getContext().getAuthentication());
	}

	/**
	 * The user an authentication stands for.
	 * @param authentication the request's authentication, may be {@code null}
	 * @return the user id
	 * @throws ApiException 401 without an authenticated user, or when the subject is no
	 * user id
	 */
	public static UserId callerOf(Authentication authentication) {
		if (authentication == null || !TRUST.isAuthenticated(authentication)) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "AUTHENTICATION_REQUIRED", "Log in first.");
		}
		try {
			return UserId.of(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_TOKEN", "The access token names no user.");
		}
	}

}
