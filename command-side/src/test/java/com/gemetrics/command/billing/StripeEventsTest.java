package com.gemetrics.command.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.billing.StripeEvents.Action;
import com.gemetrics.command.billing.StripeEvents.Route;
import com.gemetrics.command.billing.StripeEvents.UnreadableEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing from raw event JSON, whatever API version shaped it. */
class StripeEventsTest {

	private static final String USER = "0f3d2b8e-0c59-4a49-8d1e-7a0f3c7e5b11";

	private final StripeEvents events = new StripeEvents(new ObjectMapper());

	private Route route(String type, Map<String, Object> object) {
		return this.events.route(type,
				StripeStub.write(Map.of("id", "evt_1", "type", type, "data", Map.of("object", object))));
	}

	@Test
	void aSubscriptionEventNamesItsSubscriptionCustomerAndUser() {
		Route route = route("customer.subscription.updated", Map.of("id", "sub_1", "object", "subscription", "customer",
				"cus_1", "metadata", Map.of("userId", USER)));

		assertThat(route).isEqualTo(new Route(Action.SYNC, "sub_1", "cus_1", USER, null, null));
	}

	@Test
	void aCompletedCheckoutNamesItsSubscriptionAndTheClientReference() {
		Route route = route("checkout.session.completed", Map.of("id", "cs_1", "mode", "subscription", "subscription",
				"sub_1", "customer", Map.of("id", "cus_1", "object", "customer"), "client_reference_id", USER));

		assertThat(route).isEqualTo(new Route(Action.SYNC, "sub_1", "cus_1", USER, "cs_1", null));
	}

	@Test
	void aCheckoutOfAnotherModeAsksNothing() {
		assertThat(route("checkout.session.completed", Map.of("id", "cs_1", "mode", "payment", "customer", "cus_1")))
			.isEqualTo(Route.NOTHING);
	}

	@Test
	void anExpiredCheckoutNamesItsSession() {
		Route route = route("checkout.session.expired",
				Map.of("id", "cs_1", "mode", "subscription", "customer", "cus_1", "metadata", Map.of("userId", USER)));

		assertThat(route).isEqualTo(new Route(Action.CHECKOUT_EXPIRED, null, "cus_1", USER, "cs_1", null));
	}

	@Test
	void anInvoiceOfAnOlderApiVersionNamesItsSubscriptionAtTheTop() {
		Route route = route("invoice.payment_failed",
				Map.of("id", "in_1", "customer", "cus_1", "subscription", "sub_1", "amount_due", 1299, "currency",
						"USD", "attempt_count", 2, "next_payment_attempt", 1_800_000_000L, "billing_reason",
						"subscription_cycle"));

		assertThat(route.action()).isEqualTo(Action.INVOICE_PAYMENT_FAILED);
		assertThat(route.stripeSubscriptionId()).isEqualTo("sub_1");
		assertThat(route.invoice()).isEqualTo(new StripeEvents.Invoice("in_1", "subscription_cycle", 0, 1299, "usd", 2,
				Instant.ofEpochSecond(1_800_000_000L), null, null));
	}

	@Test
	void anInvoiceOfANewerApiVersionNamesItsSubscriptionUnderItsParent() {
		Route route = route("invoice.paid",
				Map.of("id", "in_1", "customer", "cus_1", "parent",
						Map.of("subscription_details",
								Map.of("subscription", "sub_1", "metadata", Map.of("userId", USER))),
						"amount_paid", 499, "currency", "eur", "status_transitions", Map.of("paid_at", 1_700_000_000L),
						"lines", Map.of("data", List.of(Map.of("period", Map.of("end", 1_702_592_000L))))));

		assertThat(route.action()).isEqualTo(Action.INVOICE_PAID);
		assertThat(route.stripeSubscriptionId()).isEqualTo("sub_1");
		assertThat(route.userId()).isEqualTo(USER);
		assertThat(route.invoice().amountPaid()).isEqualTo(499);
		assertThat(route.invoice().paidAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
		assertThat(route.invoice().periodEnd()).isEqualTo(Instant.ofEpochSecond(1_702_592_000L));
	}

	@Test
	void anInvoiceOfNoSubscriptionAsksNothing() {
		assertThat(route("invoice.paid", Map.of("id", "in_1", "customer", "cus_1", "amount_paid", 100)))
			.isEqualTo(Route.NOTHING);
	}

	@Test
	void otherTypesAskNothing() {
		assertThat(route("customer.updated", Map.of("id", "cus_1"))).isEqualTo(Route.NOTHING);
	}

	@Test
	void anEventWithoutItsObjectCannotBeRead() {
		assertThatThrownBy(() -> this.events.route("invoice.paid", "{\"id\": \"evt_1\"}"))
			.isInstanceOf(UnreadableEvent.class);
		assertThatThrownBy(() -> this.events.route("invoice.paid", "[1, 2")).isInstanceOf(UnreadableEvent.class);
		assertThatThrownBy(() -> route("customer.subscription.updated", Map.of("object", "subscription")))
			.isInstanceOf(UnreadableEvent.class);
	}

}
