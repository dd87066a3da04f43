package com.gemetrics.command.flip;

import java.time.Clock;
import java.util.UUID;

import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.flip.RecordFlipSaleCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.flip.FlipRequests.OpenFlipRequest;
import com.gemetrics.command.flip.FlipRequests.RecordSaleRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.stereotype.Component;

/**
 * Turns flip requests into commands: checks the item against the catalogue, then stamps
 * new ids and the server's time.
 */
@Component
class Flips {

	static final String DEFAULT_ACCOUNT = "default";

	private final CommandGateway commands;

	private final FlipItems items;

	private final Clock clock;

	Flips(CommandGateway commands, FlipItems items, Clock clock) {
		this.commands = commands;
		this.items = items;
		this.clock = clock;
	}

	FlipId open(UserId userId, OpenFlipRequest request) {
		if (!this.items.exists(request.itemId())) {
			throw new FlipRejected(FlipError.UNKNOWN_ITEM);
		}
		FlipId flipId = new FlipId(UUID.randomUUID());
		String account = (request.account() != null) ? request.account() : DEFAULT_ACCOUNT;
		this.commands.sendAndWait(new OpenFlipCommand(flipId, userId, account, request.itemId(), request.quantity(),
				request.price(), request.boughtAt(), this.clock.instant()));
		return flipId;
	}

	String recordSale(UserId userId, FlipId flipId, RecordSaleRequest request) {
		String saleId = UUID.randomUUID().toString();
		try {
			this.commands.sendAndWait(new RecordFlipSaleCommand(flipId, userId, saleId, request.quantity(),
					request.price(), request.soldAt(), this.clock.instant()));
		}
		catch (AggregateNotFoundException ex) {
			// the same answer as for another user's flip, so ids cannot be probed
			throw new FlipRejected(FlipError.FLIP_NOT_FOUND);
		}
		return saleId;
	}

}
