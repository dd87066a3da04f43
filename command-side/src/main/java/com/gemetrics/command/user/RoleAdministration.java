package com.gemetrics.command.user;

import java.time.Clock;

import com.gemetrics.api.user.GrantRoleCommand;
import com.gemetrics.api.user.RevokeRoleCommand;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Admins grant and revoke roles. Granting a held role or revoking one not held changes
 * nothing.
 */
@Service
class RoleAdministration {

	private static final Logger log = LoggerFactory.getLogger(RoleAdministration.class);

	private final CommandGateway commands;

	private final Clock clock;

	RoleAdministration(CommandGateway commands, Clock clock) {
		this.commands = commands;
		this.clock = clock;
	}

	void grant(UserId userId, Role role, UserId admin) {
		send(new GrantRoleCommand(userId, role, admin, this.clock.instant()));
		log.info("Admin {} granted {} to user {}", admin, role, userId);
	}

	void revoke(UserId userId, Role role, UserId admin) {
		send(new RevokeRoleCommand(userId, role, admin, this.clock.instant()));
		log.info("Admin {} revoked {} from user {}", admin, role, userId);
	}

	private void send(Object command) {
		try {
			this.commands.sendAndWait(command);
		}
		catch (AggregateNotFoundException ex) {
			throw new UserRejected(UserError.USER_NOT_FOUND);
		}
	}

}
