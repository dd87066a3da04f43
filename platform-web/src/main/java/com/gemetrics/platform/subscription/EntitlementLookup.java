package com.gemetrics.platform.subscription;

import java.util.UUID;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.user.UserId;

/**
 * What a user may do now: their subscription's {@link Entitlements}, the free plan for a
 * user with none. Both apps get one ({@link EntitlementConfig}); it costs no I/O per
 * call.
 */
public interface EntitlementLookup {

	/** The entitlements of this user now. */
	Entitlements forUser(UUID userId);

	/** The entitlements of this user now. */
	default Entitlements forUser(UserId userId) {
		return (userId != null) ? forUser(userId.value()) : Entitlements.FREE;
	}

	/**
	 * The entitlements of the user with this id (an authentication's name) now; the free
	 * plan for {@code null} (anonymous) or a name that is no user id.
	 */
	default Entitlements forUser(String userId) {
		if (userId == null) {
			return Entitlements.FREE;
		}
		UUID id;
		try {
			id = UUID.fromString(userId);
		}
		catch (IllegalArgumentException ex) {
			return Entitlements.FREE;
		}
		return forUser(id);
	}

}
