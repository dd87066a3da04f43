package com.gemetrics.command.user;

import java.util.Locale;
import java.util.UUID;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.web.ApiException;
import com.gemetrics.platform.security.CallerArgumentResolver;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins grant ({@code PUT}) and revoke ({@code DELETE}) a user's roles: {@code user},
 * {@code admin}, {@code auditor}. Both are idempotent and answer 204. The filter chain
 * admits only admins by path; the check here is a second lock on the same door.
 */
@RestController
@RequestMapping("/api/v1/admin/users/{userId}/roles/{role}")
class UserRoleController {

	private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

	private final RoleAdministration roles;

	UserRoleController(RoleAdministration roles) {
		this.roles = roles;
	}

	@PutMapping
	ResponseEntity<Void> grant(@PathVariable UUID userId, @PathVariable String role, Authentication caller) {
		UserId admin = admin(caller);
		this.roles.grant(new UserId(userId), role(role), admin);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping
	ResponseEntity<Void> revoke(@PathVariable UUID userId, @PathVariable String role, Authentication caller) {
		UserId admin = admin(caller);
		this.roles.revoke(new UserId(userId), role(role), admin);
		return ResponseEntity.noContent().build();
	}

	private static UserId admin(Authentication caller) {
		UserId admin = CallerArgumentResolver.callerOf(caller);
		boolean isAdmin = caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(ADMIN_AUTHORITY::equals);
		if (!isAdmin) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Only admins may change roles.");
		}
		return admin;
	}

	private static Role role(String role) {
		for (Role candidate : Role.values()) {
			if (candidate.name().toLowerCase(Locale.ROOT).equals(role)) {
				return candidate;
			}
		}
		throw ApiException.badRequest("UNKNOWN_ROLE", "The role must be one of user, admin, auditor.");
	}

}
