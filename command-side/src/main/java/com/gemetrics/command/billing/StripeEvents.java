package com.gemetrics.command.billing;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * Reads what the inbox processor needs from a stored Stripe event, with Jackson from the
 * raw JSON rather than stripe-java's models: a webhook carries its object in the API
 * version of the webhook endpoint, which need not be the one stripe-java is pinned to.
 * Only ids and a few long-stable fields are read here; the subscription's state is
 * fetched from the API afterwards, in the pinned version. An invoice's subscription is
 * found where each API version puts it ({@code subscription}, or
 * {@code parent.subscription_details.subscription} since 2025-03-31).
 */
@Component
class StripeEvents {

	private final ObjectMapper json;

	StripeEvents(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * What the event asks of the processor.
	 * @throws UnreadableEvent if the payload is not a Stripe event we can read
	 */
	Route route(String type, String payload) {
		JsonNode object;
		try {
			object = this.json.readTree(payload).path("data").path("object");
		}
		catch (IOException ex) {
			throw new UnreadableEvent("payload is not JSON");
		}
		if (!object.isObject()) {
			throw new UnreadableEvent("no data.object");
		}
		String customer = id(object.path("customer"));
		if (type.startsWith("customer.subscription.")) {
			return new Route(Action.SYNC, required(text(object.path("id")), "data.object.id"), customer,
					text(object.path("metadata").path(StripeGateway.USER_ID)), null, null);
		}
		return switch (type) {
			case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkout(object, customer);
			case "checkout.session.expired" -> new Route(Action.CHECKOUT_EXPIRED, null, customer, user(object),
					required(text(object.path("id")), "data.object.id"), null);
			case "invoice.paid" -> invoice(Action.INVOICE_PAID, object, customer);
			case "invoice.payment_failed" -> invoice(Action.INVOICE_PAYMENT_FAILED, object, customer);
			default -> Route.NOTHING;
		};
	}

	private Route checkout(JsonNode session, String customer) {
		String mode = text(session.path("mode"));
		String subscription = id(session.path("subscription"));
		if (!"subscription".equals(mode) || subscription == null) {
			return Route.NOTHING;
		}
		return new Route(Action.SYNC, subscription, customer, user(session), text(session.path("id")), null);
	}

	private Route invoice(Action action, JsonNode invoice, String customer) {
		JsonNode details = invoice.path("parent").path("subscription_details");
		String subscription = id(invoice.path("subscription"));
		if (subscription == null) {
			subscription = id(details.path("subscription"));
		}
		if (subscription == null) {
			return Route.NOTHING;
		}
		String user = text(details.path("metadata").path(StripeGateway.USER_ID));
		if (user == null) {
			user = text(invoice.path("subscription_details").path("metadata").path(StripeGateway.USER_ID));
		}
		JsonNode firstLine = invoice.path("lines").path("data").path(0);
		Invoice facts = new Invoice(required(text(invoice.path("id")), "data.object.id"),
				text(invoice.path("billing_reason")), invoice.path("amount_paid").asLong(0),
				invoice.path("amount_due").asLong(0), lowerCase(text(invoice.path("currency"))),
				invoice.path("attempt_count").asInt(0), instant(invoice.path("next_payment_attempt")),
				instant(invoice.path("status_transitions").path("paid_at")),
				instant(firstLine.path("period").path("end")));
		return new Route(action, subscription, customer, user, null, facts);
	}

	private static String user(JsonNode session) {
		String reference = text(session.path("client_reference_id"));
		return (reference != null) ? reference : text(session.path("metadata").path(StripeGateway.USER_ID));
	}

	/** An id given as a string, or as an expanded object with {@code id}. */
	private static String id(JsonNode node) {
		return node.isObject() ? text(node.path("id")) : text(node);
	}

	private static String text(JsonNode node) {
		return (node.isTextual() && !node.asText().isBlank()) ? node.asText() : null;
	}

	private static Instant instant(JsonNode node) {
		return node.canConvertToLong() && node.asLong() > 0 ? Instant.ofEpochSecond(node.asLong()) : null;
	}

	private static String lowerCase(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

	private static String required(String value, String what) {
		if (value == null) {
			throw new UnreadableEvent("no " + what);
		}
		return value;
	}

	/** What to do. */
	enum Action {

		/** Nothing: an event we store but do not act on. */
		NOTHING,

		/** Fetch the subscription and hand it over. */
		SYNC,

		/** As {@link #SYNC}, then record the invoice as paid. */
		INVOICE_PAID,

		/** As {@link #SYNC}, then record the failed payment. */
		INVOICE_PAYMENT_FAILED,

		/** Record that a Checkout session expired unpaid. */
		CHECKOUT_EXPIRED

	}

	/**
	 * What one event asks for.
	 *
	 * @param action what to do
	 * @param stripeSubscriptionId the Stripe subscription concerned (null for
	 * {@link Action#NOTHING} and {@link Action#CHECKOUT_EXPIRED})
	 * @param stripeCustomerId its customer, if the event names it
	 * @param userId our user id, if the event carries it (metadata or client reference)
	 * @param checkoutSessionId the Checkout session, for checkout events
	 * @param invoice the invoice's facts, for invoice events
	 */
	record Route(Action action, String stripeSubscriptionId, String stripeCustomerId, String userId,
			String checkoutSessionId, Invoice invoice) {

		static final Route NOTHING = new Route(Action.NOTHING, null, null, null, null, null);

	}

	/**
	 * An invoice as the event carried it: these fields record what happened at that
	 * moment (the attempt that failed), so they are taken from the event, not re-fetched.
	 *
	 * @param id {@code in_...}
	 * @param billingReason {@code subscription_create}, {@code subscription_cycle}, ...
	 * @param amountPaid in minor units
	 * @param amountDue in minor units
	 * @param currency ISO code, lower case
	 * @param attemptCount Stripe's attempt count
	 * @param nextPaymentAttempt when Stripe will try again (null: it will not)
	 * @param paidAt when it was paid (null: it was not)
	 * @param periodEnd the end of the period its first line bills (null if absent)
	 */
	record Invoice(String id, String billingReason, long amountPaid, long amountDue, String currency, int attemptCount,
			Instant nextPaymentAttempt, Instant paidAt, Instant periodEnd) {
	}

	/** A stored event that cannot be read; trying again cannot help. */
	static class UnreadableEvent extends RuntimeException {

		UnreadableEvent(String reason) {
			super(reason);
		}

	}

}
