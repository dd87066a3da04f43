package com.gemetrics.command.flip;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.OpenFlipCommand;
import com.gemetrics.api.flip.RecordFlipSaleCommand;
import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.flip.FlipCsv.Row;
import com.gemetrics.command.flip.FlipRequests.ImportResponse;
import com.gemetrics.command.flip.FlipRequests.ImportedFlip;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.platform.web.ApiException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a user's trades from CSV (format: {@link FlipCsv}), all or nothing.
 * <ol>
 * <li>Check: the file holds no more rows than the caller's plan allows
 * ({@link Entitlements#csvImportRows()}; more: {@code TOO_MANY_ROWS} naming the plan's
 * cap), and every row is parsed and checked against the same rules the {@link Flip}
 * aggregate enforces ({@link FlipRules}) and the catalogue, with the request's time as
 * "now". Any error refuses the whole file: 422 {@code IMPORT_INVALID} listing the errors
 * with their line numbers ({@link FlipImportRejected}); nothing is sent.</li>
 * <li>Apply: one {@link OpenFlipCommand} per row (and a {@link RecordFlipSaleCommand} for
 * its sale), all inside one Spring transaction that Axon's
 * {@code SpringTransactionManager} joins, so the events of every row are committed
 * together or not at all.</li>
 * </ol>
 * Idempotent per user and {@code external_id}: a row's flip id is derived from both
 * ({@link #flipIdFor}), and a row whose flip already has events is skipped, even if its
 * values differ or the flip was deleted since (to import it anew, give it a new
 * {@code external_id}). Two imports of the same rows at the same moment: one wins, the
 * other answers 409 {@code IMPORT_CONFLICT} having stored nothing.
 */
@Component
class FlipImports {

	static final String IMPORTED = "IMPORTED";

	static final String SKIPPED = "SKIPPED";

	private static final Logger log = LoggerFactory.getLogger(FlipImports.class);

	private final CommandGateway commands;

	private final FlipItems items;

	private final FlipEventStreams streams;

	private final TransactionTemplate transaction;

	private final FlipImportProperties properties;

	private final EntitlementLookup entitlements;

	private final Clock clock;

	FlipImports(CommandGateway commands, FlipItems items, FlipEventStreams streams,
			PlatformTransactionManager transactions, FlipImportProperties properties, EntitlementLookup entitlements,
			Clock clock) {
		this.commands = commands;
		this.items = items;
		this.streams = streams;
		this.transaction = new TransactionTemplate(transactions);
		this.properties = properties;
		this.entitlements = entitlements;
		this.clock = clock;
	}

	/**
	 * The flip a user's imported row becomes: the same for the same user and external id,
	 * different for anything else.
	 */
	static FlipId flipIdFor(UserId userId, String externalId) {
		return new FlipId(
				UUID.nameUUIDFromBytes(("import:" + userId + ":" + externalId).getBytes(StandardCharsets.UTF_8)));
	}

	static String saleIdFor(FlipId flipId) {
		return UUID.nameUUIDFromBytes(("import-sale:" + flipId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	ImportResponse importCsv(UserId userId, byte[] body) {
		Instant now = this.clock.instant();
		Entitlements plan = this.entitlements.forUser(userId);
		FlipCsv.Parsed parsed = FlipCsv.parse(utf8(body), plan.csvImportRows(), plan.premium() ? " on the premium plan"
				: " on the free plan (premium: " + Entitlements.PREMIUM.csvImportRows() + ")");
		List<FlipImportError> errors = new ArrayList<>(parsed.errors());
		errors.addAll(ruleErrors(parsed.rows(), now));
		if (!errors.isEmpty()) {
			errors.sort(Comparator.comparingLong(FlipImportError::line));
			throw new FlipImportRejected(errors, this.properties.maxErrors());
		}
		ImportResponse response = this.transaction.execute((status) -> apply(userId, parsed.rows(), now));
		log.info("Imported {} flips for user {}, {} rows skipped as imported before", response.imported(), userId,
				response.skipped());
		return response;
	}

	private List<FlipImportError> ruleErrors(List<Row> rows, Instant now) {
		List<FlipImportError> errors = new ArrayList<>();
		Set<Integer> known = this.items.existing(rows.stream().map(Row::itemId).distinct().toList());
		for (Row row : rows) {
			if (!known.contains(row.itemId())) {
				errors.add(FlipImportError.of(row.line(), FlipCsv.ITEM_ID, FlipError.UNKNOWN_ITEM));
			}
			try {
				FlipRules.requireValidAccount(row.account());
			}
			catch (FlipRejected rejected) {
				errors.add(FlipImportError.of(row.line(), FlipCsv.ACCOUNT, rejected.error()));
			}
			try {
				FlipRules.requireValidTrade(row.quantity(), row.buyPrice());
				FlipRules.requireValidTime(row.boughtAt(), now);
			}
			catch (FlipRejected rejected) {
				errors.add(FlipImportError.of(row.line(), buyColumn(rejected.error()), rejected.error()));
			}
			FlipCsv.Sale sale = row.sale();
			if (sale != null) {
				try {
					FlipRules.requireValidTrade(sale.quantity(), sale.price());
					FlipRules.requireValidTime(sale.soldAt(), now);
					FlipRules.requireSaleNotBeforeBuy(sale.soldAt(), row.boughtAt());
					FlipRules.requireNotOversold(sale.quantity(), row.quantity());
				}
				catch (FlipRejected rejected) {
					errors.add(FlipImportError.of(row.line(), saleColumn(rejected.error()), rejected.error()));
				}
			}
		}
		return errors;
	}

	private ImportResponse apply(UserId userId, List<Row> rows, Instant now) {
		List<FlipId> ids = rows.stream().map((row) -> flipIdFor(userId, row.externalId())).toList();
		Map<String, Long> existing = this.streams.lastSequences(ids.stream().map(FlipId::toString).toList());
		List<ImportedFlip> flips = new ArrayList<>(rows.size());
		int imported = 0;
		ConsistencyToken last = null;
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			FlipId flipId = ids.get(i);
			Long before = existing.get(flipId.toString());
			if (before != null) {
				flips.add(new ImportedFlip(row.line(), row.externalId(), flipId.toString(), SKIPPED,
						Flips.token(flipId, before).toString()));
				continue;
			}
			last = Flips.token(flipId, send(userId, row, flipId, now));
			flips.add(new ImportedFlip(row.line(), row.externalId(), flipId.toString(), IMPORTED, last.toString()));
			imported++;
		}
		return new ImportResponse(imported, rows.size() - imported, (last != null) ? last.toString() : null, flips);
	}

	/**
	 * Opens the row's flip and records its sale; answers the flip's last sequence number.
	 */
	private long send(UserId userId, Row row, FlipId flipId, Instant now) {
		try {
			this.commands.sendAndWait(new OpenFlipCommand(flipId, userId, row.account(), row.itemId(), row.quantity(),
					row.buyPrice(), row.boughtAt(), now));
			FlipCsv.Sale sale = row.sale();
			if (sale == null) {
				return 0;
			}
			Long sequence = this.commands.sendAndWait(new RecordFlipSaleCommand(flipId, userId, saleIdFor(flipId),
					sale.quantity(), sale.price(), sale.soldAt(), now));
			return sequence;
		}
		catch (FlipRejected rejected) {
			// the checks above mirror the aggregate's rules; should they ever disagree
			throw new FlipImportRejected(List.of(FlipImportError.of(row.line(), null, rejected.error())),
					this.properties.maxErrors());
		}
		catch (ConcurrencyException | AggregateStreamCreationException ex) {
			throw new ApiException(HttpStatus.CONFLICT, "IMPORT_CONFLICT",
					"Some of these rows were imported at the same moment by another request; nothing of this file "
							+ "was stored. Send it again.");
		}
	}

	private static String buyColumn(FlipError error) {
		return switch (error) {
			case QUANTITY_NOT_POSITIVE, QUANTITY_TOO_LARGE -> FlipCsv.QUANTITY;
			case PRICE_OUT_OF_RANGE -> FlipCsv.BUY_PRICE;
			case TIME_IN_FUTURE, TIME_BEFORE_GE_OPENED -> FlipCsv.BOUGHT_AT;
			default -> null;
		};
	}

	private static String saleColumn(FlipError error) {
		return switch (error) {
			case QUANTITY_NOT_POSITIVE, QUANTITY_TOO_LARGE, OVERSOLD -> FlipCsv.SOLD_QUANTITY;
			case PRICE_OUT_OF_RANGE -> FlipCsv.SELL_PRICE;
			case TIME_IN_FUTURE, TIME_BEFORE_GE_OPENED, SALE_BEFORE_BUY -> FlipCsv.SOLD_AT;
			default -> null;
		};
	}

	private static String utf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw ApiException.badRequest("INVALID_ENCODING", "The file must be UTF-8 text.");
		}
	}

}
