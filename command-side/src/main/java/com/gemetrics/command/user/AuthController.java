package com.gemetrics.command.user;

import java.net.URI;

import com.gemetrics.api.user.UserId;
import com.gemetrics.command.security.TokenPair;
import com.gemetrics.command.user.AuthRequests.LoginRequest;
import com.gemetrics.command.user.AuthRequests.LoginResponse;
import com.gemetrics.command.user.AuthRequests.PasswordChangeRequest;
import com.gemetrics.command.user.AuthRequests.PasswordResetRequest;
import com.gemetrics.command.user.AuthRequests.PasswordResetRequestRequest;
import com.gemetrics.command.user.AuthRequests.RegisterRequest;
import com.gemetrics.command.user.AuthRequests.RegisteredResponse;
import com.gemetrics.command.user.AuthRequests.VerifyEmailRequest;
import com.gemetrics.platform.security.CallerArgumentResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts: register, verify the e-mail address, log in, change or reset the password.
 * Public except {@code password-changes} and {@code verification-emails}, which need a
 * logged-in user (the security filter chain says so by path). {@code verify-email} is
 * reachable without a token but refuses to verify without one: the caller must be logged
 * in as the account the link was mailed for (ADR 13).
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

	private final Accounts accounts;

	private final Logins logins;

	private final PasswordResets resets;

	private final ClientIp clientIp;

	AuthController(Accounts accounts, Logins logins, PasswordResets resets, ClientIp clientIp) {
		this.accounts = accounts;
		this.logins = logins;
		this.resets = resets;
		this.clientIp = clientIp;
	}

	@PostMapping("/register")
	ResponseEntity<RegisteredResponse> register(@Valid @RequestBody RegisterRequest request) {
		UserId userId = this.accounts.register(request.email(), request.password(), request.displayName());
		return ResponseEntity.created(URI.create("/api/v1/me")).body(new RegisteredResponse(userId.toString()));
	}

	@PostMapping("/login")
	ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		TokenPair tokens = this.logins.login(request.email(), request.password(), this.clientIp.of(http));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new LoginResponse(tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn()));
	}

	@PostMapping("/verify-email")
	ResponseEntity<Void> verifyEmail(@Valid @RequestBody VerifyEmailRequest request, Authentication caller) {
		this.accounts.verifyEmail(request.token(), CallerArgumentResolver.callerOf(caller));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/verification-emails")
	ResponseEntity<Void> resendVerification(Authentication caller) {
		this.accounts.resendVerification(CallerArgumentResolver.callerOf(caller));
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

	@PostMapping("/password-reset-requests")
	ResponseEntity<Void> requestPasswordReset(@Valid @RequestBody PasswordResetRequestRequest request) {
		this.resets.request(request.email());
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

	@PostMapping("/password-resets")
	ResponseEntity<Void> resetPassword(@Valid @RequestBody PasswordResetRequest request) {
		this.resets.complete(request.token(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/password-changes")
	ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChangeRequest request, Authentication caller,
			HttpServletRequest http) {
		this.logins.changePassword(CallerArgumentResolver.callerOf(caller), sessionId(caller),
				request.currentPassword(), request.newPassword(), this.clientIp.of(http));
		return ResponseEntity.noContent().build();
	}

	/** The caller's session: the {@code sid} claim of their access token. */
	private static String sessionId(Authentication caller) {
		if (caller instanceof JwtAuthenticationToken jwt) {
			return jwt.getToken().getClaimAsString("sid");
		}
		return null;
	}

}
