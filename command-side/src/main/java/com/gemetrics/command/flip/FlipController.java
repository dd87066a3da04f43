package com.gemetrics.command.flip;

import java.net.URI;
import java.util.UUID;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.flip.FlipRequests.CommandResponse;
import com.gemetrics.command.flip.FlipRequests.CorrectBuyRequest;
import com.gemetrics.command.flip.FlipRequests.CorrectSaleRequest;
import com.gemetrics.command.flip.FlipRequests.ImportResponse;
import com.gemetrics.command.flip.FlipRequests.OpenFlipRequest;
import com.gemetrics.command.flip.FlipRequests.RecordSaleRequest;
import com.gemetrics.command.flip.Flips.Written;
import com.gemetrics.platform.security.Caller;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opens, sells, corrects, writes off, deletes and imports flips, for the authenticated
 * caller only: another user's flip answers 404 {@code FLIP_NOT_FOUND}, as an unknown one
 * does. Every command answers a consistency token ({@code flip.<flipId>.<sequence>}) in
 * the body's {@code consistencyToken} and in the {@value ConsistencyToken#HEADER} header,
 * for the query side's read-your-writes wait.
 */
@RestController
@RequestMapping("/api/v1/flips")
class FlipController {

	static final String TEXT_CSV = "text/csv";

	private final Flips flips;

	private final FlipImports imports;

	FlipController(Flips flips, FlipImports imports) {
		this.flips = flips;
		this.imports = imports;
	}

	@PostMapping
	ResponseEntity<CommandResponse> open(@Valid @RequestBody OpenFlipRequest request, @Caller UserId caller) {
		Written written = this.flips.open(caller, request);
		return answer(ResponseEntity.created(URI.create("/api/v1/flips/" + written.id())), written);
	}

	@PostMapping("/{flipId}/sales")
	ResponseEntity<CommandResponse> recordSale(@PathVariable UUID flipId, @Valid @RequestBody RecordSaleRequest request,
			@Caller UserId caller) {
		Written written = this.flips.recordSale(caller, new FlipId(flipId), request);
		return answer(ResponseEntity.created(URI.create("/api/v1/flips/" + flipId + "/sales/" + written.id())),
				written);
	}

	@PutMapping("/{flipId}")
	ResponseEntity<CommandResponse> correctBuy(@PathVariable UUID flipId, @Valid @RequestBody CorrectBuyRequest request,
			@Caller UserId caller) {
		return answer(ResponseEntity.ok(), this.flips.correctBuy(caller, new FlipId(flipId), request));
	}

	@PutMapping("/{flipId}/sales/{saleId}")
	ResponseEntity<CommandResponse> correctSale(@PathVariable UUID flipId, @PathVariable String saleId,
			@Valid @RequestBody CorrectSaleRequest request, @Caller UserId caller) {
		return answer(ResponseEntity.ok(), this.flips.correctSale(caller, new FlipId(flipId), saleId, request));
	}

	@PostMapping("/{flipId}/write-off")
	ResponseEntity<CommandResponse> writeOff(@PathVariable UUID flipId, @Caller UserId caller) {
		return answer(ResponseEntity.ok(), this.flips.writeOff(caller, new FlipId(flipId)));
	}

	@DeleteMapping("/{flipId}")
	ResponseEntity<Void> delete(@PathVariable UUID flipId, @Caller UserId caller) {
		Written written = this.flips.delete(caller, new FlipId(flipId));
		return ResponseEntity.noContent().header(ConsistencyToken.HEADER, written.token().toString()).build();
	}

	/** Imports a CSV of trades (format: {@link FlipCsv}), all or nothing. */
	@PostMapping(path = "/imports", consumes = TEXT_CSV)
	ResponseEntity<ImportResponse> importCsv(@RequestBody byte[] body, @Caller UserId caller) {
		ImportResponse response = this.imports.importCsv(caller, body);
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (response.consistencyToken() != null) {
			ok.header(ConsistencyToken.HEADER, response.consistencyToken());
		}
		return ok.body(response);
	}

	private static ResponseEntity<CommandResponse> answer(ResponseEntity.BodyBuilder builder, Written written) {
		String token = written.token().toString();
		return builder.header(ConsistencyToken.HEADER, token).body(new CommandResponse(written.id(), token));
	}

}
