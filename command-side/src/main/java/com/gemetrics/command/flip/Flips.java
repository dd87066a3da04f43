package com.gemetrics.command.flip;

import java.time.Clock;
import java.util.UUID;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.flip.CorrectFlipBuyCommand;
import com.gemetrics.api.flip.CorrectFlipSaleCommand;
import com.gemetrics.api.flip.DeleteFlipCommand;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.flip.RecordFlipSaleCommand;
import com.gemetrics.api.flip.WriteOffFlipCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.flip.FlipRequests.CorrectBuyRequest;
import com.gemetrics.command.flip.FlipRequests.CorrectSaleRequest;
import com.gemetrics.command.flip.FlipRequests.OpenFlipRequest;
import com.gemetrics.command.flip.FlipRequests.RecordSaleRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

import org.springframework.stereotype.Component;

/**
 * Turns flip requests into commands: checks the item against the catalogue, stamps new
 * ids and the server's time, and answers what each command changed with a
 * {@link ConsistencyToken} naming the flip's last event.
 */
@Component
class Flips {

	private final CommandGateway commands;

	private final FlipItems items;

	private final Clock clock;

	Flips(CommandGateway commands, FlipItems items, Clock clock) {
		this.commands = commands;
		this.items = items;
		this.clock = clock;
	}

	Written open(UserId userId, OpenFlipRequest request) {
		if (!this.items.exists(request.itemId())) {
			throw new FlipRejected(FlipError.UNKNOWN_ITEM);
		}
		FlipId flipId = new FlipId(UUID.randomUUID());
		String account = (request.account() != null) ? request.account() : FlipRules.DEFAULT_ACCOUNT;
		this.commands.sendAndWait(new OpenFlipCommand(flipId, userId, account, request.itemId(), request.quantity(),
				request.price(), request.boughtAt(), this.clock.instant()));
		return new Written(flipId.toString(), token(flipId, 0));
	}

	Written recordSale(UserId userId, FlipId flipId, RecordSaleRequest request) {
		String saleId = UUID.randomUUID().toString();
		long sequence = send(new RecordFlipSaleCommand(flipId, userId, saleId, request.quantity(), request.price(),
				request.soldAt(), this.clock.instant()));
		return new Written(saleId, token(flipId, sequence));
	}

	Written correctBuy(UserId userId, FlipId flipId, CorrectBuyRequest request) {
		long sequence = send(new CorrectFlipBuyCommand(flipId, userId, request.quantity(), request.price(),
				request.boughtAt(), this.clock.instant()));
		return new Written(flipId.toString(), token(flipId, sequence));
	}

	Written correctSale(UserId userId, FlipId flipId, String saleId, CorrectSaleRequest request) {
		long sequence = send(new CorrectFlipSaleCommand(flipId, userId, saleId, request.quantity(), request.price(),
				request.soldAt(), this.clock.instant()));
		return new Written(saleId, token(flipId, sequence));
	}

	Written writeOff(UserId userId, FlipId flipId) {
		long sequence = send(new WriteOffFlipCommand(flipId, userId, this.clock.instant()));
		return new Written(flipId.toString(), token(flipId, sequence));
	}

	Written delete(UserId userId, FlipId flipId) {
		long sequence = send(new DeleteFlipCommand(flipId, userId, this.clock.instant()));
		return new Written(flipId.toString(), token(flipId, sequence));
	}

	static ConsistencyToken token(FlipId flipId, long sequence) {
		return new ConsistencyToken(ConsistencyToken.FLIP, flipId.toString(), sequence);
	}

	/**
	 * Sends a command to an existing flip and answers the sequence number of its last
	 * event. An unknown or deleted flip answers as another user's does, so ids cannot be
	 * probed.
	 */
	private long send(Object command) {
		try {
			Long sequence = this.commands.sendAndWait(command);
			return sequence;
		}
		catch (AggregateNotFoundException ex) {
			throw new FlipRejected(FlipError.FLIP_NOT_FOUND);
		}
		catch (ConcurrencyException ex) {
			throw new FlipRejected(FlipError.FLIP_CONFLICT);
		}
	}

	/**
	 * What a flip command wrote.
	 *
	 * @param id the id of what was written: the flip, or the sale
	 * @param token the flip's last event after the command
	 */
	record Written(String id, ConsistencyToken token) {
	}

}
