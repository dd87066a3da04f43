package com.gemetrics.command.security;

import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Refresh, logout and logout-all. Login itself belongs to the accounts feature. */
@RestController
@Tag(name = "auth")
class SessionController {

	private final Sessions sessions;

	SessionController(Sessions sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/api/v1/auth/refresh")
	@Operation(summary = "Use a refresh token once for a new token pair; reusing one ends its session (public)")
	ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshTokenRequest request) {
		TokenPair pair = this.sessions.refresh(request.refreshToken());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(TokenResponse.of(pair));
	}

	@PostMapping("/api/v1/auth/logout")
	@Operation(summary = "End the session of this refresh token (public; 204 whatever the token)")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshTokenRequest request) {
		this.sessions.logout(request.refreshToken());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/auth/logout-all")
	@Operation(summary = "End every session of the caller (authenticated)")
	ResponseEntity<Void> logoutAll(@Caller UserId caller) {
		this.sessions.logoutAll(caller);
		return ResponseEntity.noContent().build();
	}

}
