package com.gemetrics.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionActivatedEvent;
import com.gemetrics.api.subscription.SubscriptionCanceledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationScheduledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationWithdrawnEvent;
import com.gemetrics.api.subscription.SubscriptionChangedEvent;
import com.gemetrics.api.subscription.SubscriptionCheckoutStartedEvent;
import com.gemetrics.api.subscription.SubscriptionExpiredEvent;
import com.gemetrics.api.subscription.SubscriptionId;
import com.gemetrics.api.subscription.SubscriptionPaymentFailedEvent;
import com.gemetrics.api.subscription.SubscriptionRenewedEvent;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.user.AccountErasedEvent;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.LoginFailedEvent;
import com.gemetrics.api.user.PasswordChangedEvent;
import com.gemetrics.api.user.PasswordResetCompletedEvent;
import com.gemetrics.api.user.PasswordResetRequestedEvent;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.RoleRevokedEvent;
import com.gemetrics.api.user.SessionRevokedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserLoggedInEvent;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.user.UserRegistrationExpiredEvent;
import com.gemetrics.api.user.UserRegistrationSupersededEvent;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.WatchlistId;

/**
 * The object each stored sample under
 * {@code src/test/resources/events/<Event>/<revision>.json} stands for, keyed
 * {@code <Event>/<revision>}: for the current revision, the event the sample deserializes
 * to and serializes from; for an older one, the current-revision event its upcasters turn
 * the sample into. Written by hand, never derived from the classes, so a renamed or
 * retyped record component fails {@link EventContractTest}. Optional values are
 * {@code null} in some samples on purpose: the apps write nulls ({@code
 * spring.jackson.default-property-inclusion: always}).
 */
final class EventSamples {

	static final UserId USER = new UserId(UUID.fromString("6f1c2a8e-3b7d-4c1e-9a2f-5d8e7b6c4a01"));

	static final UserId ADMIN = new UserId(UUID.fromString("0a9d3c55-71e2-4b8f-8c6d-2e4f1a7b9c30"));

	static final FlipId FLIP = new FlipId(UUID.fromString("3d2b7f10-5c4e-4a91-b8e6-9f0c1d2e3a47"));

	static final WatchlistId WATCHLIST = new WatchlistId(USER);

	static final SubscriptionId SUBSCRIPTION = new SubscriptionId(
			UUID.fromString("c4e8a2d6-1f3b-4d5a-9e7c-8b6a4f2d0e19"));

	private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

	private static final Instant LATER = Instant.parse("2026-06-02T08:30:15.250Z");

	private static final Map<String, Object> SAMPLES = Map.ofEntries(
			// market data
			sample("ItemCatalogSyncedEvent/1",
					new ItemCatalogSyncedEvent(AT,
							List.of(new CatalogItem(4151, "Abyssal whip", "A weapon from the abyss.", true, 70, 48000,
									72000, 120001, "Abyssal whip.png"),
									new CatalogItem(2, "Cannonball", "Ammo for the Dwarf Cannon.", true, null, null,
											null, null, "Cannonball.png")))),
			sample("LatestPricesObservedEvent/1",
					new LatestPricesObservedEvent(AT,
							List.of(new PriceQuote(4151, 1_850_000L, Instant.parse("2026-06-01T09:59:41Z"), 1_820_000L,
									Instant.parse("2026-06-01T09:58:02Z")),
									new PriceQuote(26_000, 15L, Instant.parse("2026-06-01T09:40:00Z"), null, null)))),
			sample("VolumeWindowObservedEvent/1",
					new VolumeWindowObservedEvent(Timestep.FIVE_MINUTES, Instant.parse("2026-06-01T09:55:00Z"),
							List.of(new WindowAverage(4151, 1_848_000L, 12, 1_821_500L, 9),
									new WindowAverage(2, null, 0, 160L, 25_000)))),
			sample("PriceHistoryImportedEvent/1", new PriceHistoryImportedEvent(4151, Timestep.ONE_HOUR, AT,
					List.of(new HistoryPoint(Instant.parse("2026-06-01T08:00:00Z"), 1_851_000L, 1_819_000L, 140, 122),
							new HistoryPoint(Instant.parse("2026-06-01T09:00:00Z"), null, 1_820_000L, 0, 87)))),
			// users
			sample("UserRegisteredEvent/1",
					new UserRegisteredEvent(USER, EncryptedValue.withheld(), EncryptedValue.withheld(), AT)),
			sample("UserRegisteredEvent/2",
					new UserRegisteredEvent(
							USER, new EncryptedValue("q0vN3m2x8Jc1bX9lYWRkcmVzc2NpcGhlcnRleHRhbmR0YWcxMjM0NTY="),
							new EncryptedValue("Zp4uQ7wRt2sAbW5hbWVjaXBoZXJ0ZXh0YW5kdGFnMTIzNA=="), AT)),
			sample("EmailVerifiedEvent/1", new EmailVerifiedEvent(USER, AT)),
			sample("PasswordChangedEvent/1", new PasswordChangedEvent(USER, AT)),
			sample("PasswordResetRequestedEvent/1", new PasswordResetRequestedEvent(USER, AT)),
			sample("PasswordResetCompletedEvent/1", new PasswordResetCompletedEvent(USER, AT)),
			sample("RoleGrantedEvent/1", new RoleGrantedEvent(USER, Role.AUDITOR, ADMIN, AT)),
			sample("RoleRevokedEvent/1", new RoleRevokedEvent(USER, Role.ADMIN, ADMIN, AT)),
			sample("UserLoggedInEvent/1", new UserLoggedInEvent(USER, "8e1f4b2a-6c3d-4e5f-a7b8-c9d0e1f2a3b4", AT)),
			sample("LoginFailedEvent/1", new LoginFailedEvent(USER, "BAD_CREDENTIALS", AT)),
			sample("SessionRevokedEvent/1", new SessionRevokedEvent(USER, null, "LOGOUT_ALL", AT)),
			sample("UserRegistrationSupersededEvent/1", new UserRegistrationSupersededEvent(USER, ADMIN, AT)),
			sample("UserRegistrationExpiredEvent/1", new UserRegistrationExpiredEvent(USER, AT)),
			sample("AccountErasedEvent/1", new AccountErasedEvent(USER, AT)),
			// flips
			sample("FlipOpenedEvent/1", new FlipOpenedEvent(FLIP, USER, "main", 4151, 70, 1_820_000, AT)),
			sample("FlipSaleRecordedEvent/1", new FlipSaleRecordedEvent(FLIP, USER, "sale-1", 30, 1_850_000, LATER)),
			sample("FlipBuyCorrectedEvent/1", new FlipBuyCorrectedEvent(FLIP, USER, 69, 1_819_000, AT, LATER)),
			sample("FlipSaleCorrectedEvent/1",
					new FlipSaleCorrectedEvent(FLIP, USER, "sale-1", 31, 1_849_000, AT, LATER)),
			sample("FlipWrittenOffEvent/1", new FlipWrittenOffEvent(FLIP, USER, 39, LATER)),
			sample("FlipDeletedEvent/1", new FlipDeletedEvent(FLIP, USER, LATER)),
			// watchlists and alerts
			sample("ItemWatchedEvent/1",
					new ItemWatchedEvent(WATCHLIST, USER, 4151,
							List.of(new AlertRule("rule-1", AlertType.PRICE_AT_OR_ABOVE, 1_900_000, true),
									new AlertRule("rule-2", AlertType.MARGIN_AT_OR_ABOVE, 25_000, false)),
							AT)),
			sample("ItemUnwatchedEvent/1", new ItemUnwatchedEvent(WATCHLIST, USER, 4151, LATER)),
			sample("AlertRulePausedEvent/1", new AlertRulePausedEvent(WATCHLIST, USER, 4151, "rule-1", LATER)),
			sample("AlertRuleResumedEvent/1", new AlertRuleResumedEvent(WATCHLIST, USER, 4151, "rule-1", LATER)),
			sample("AlertTriggeredEvent/1",
					new AlertTriggeredEvent(WATCHLIST, USER, "alert-1", "rule-1", 4151, AlertType.PRICE_AT_OR_ABOVE,
							1_900_000, 1_905_000, AT, LATER)),
			sample("AlertDeliveredEvent/1",
					new AlertDeliveredEvent(WATCHLIST, USER, "alert-1", DeliveryChannel.EMAIL, 1, LATER)),
			sample("AlertDeliveryFailedEvent/1",
					new AlertDeliveryFailedEvent(WATCHLIST, USER, "alert-1", DeliveryChannel.WEBHOOK, 5, "HTTP_5XX",
							LATER)),
			// subscriptions
			sample("SubscriptionCheckoutStartedEvent/1",
					new SubscriptionCheckoutStartedEvent(SUBSCRIPTION, USER, Plan.PREMIUM_MONTHLY, "price_1Monthly",
							"cus_Q1w2e3", "cs_test_a1b2c3", AT)),
			sample("SubscriptionActivatedEvent/1",
					new SubscriptionActivatedEvent(SUBSCRIPTION, USER, Plan.PREMIUM_MONTHLY, "sub_1Abc", "cus_Q1w2e3",
							"price_1Monthly", SubscriptionStatus.ACTIVE, Instant.parse("2026-07-01T10:00:00Z"), false,
							AT)),
			sample("SubscriptionChangedEvent/1",
					new SubscriptionChangedEvent(SUBSCRIPTION, USER, "sub_1Abc", Plan.PREMIUM_YEARLY, "price_1Yearly",
							SubscriptionStatus.PAST_DUE, Instant.parse("2027-06-01T10:00:00Z"), LATER)),
			sample("SubscriptionRenewedEvent/1",
					new SubscriptionRenewedEvent(SUBSCRIPTION, USER, "sub_1Abc", "in_1Xyz", "subscription_cycle", 499,
							"eur", Instant.parse("2026-07-01T10:00:00Z"), AT)),
			sample("SubscriptionPaymentFailedEvent/1",
					new SubscriptionPaymentFailedEvent(SUBSCRIPTION, USER, "sub_1Abc", "in_1Xyz", 499, "eur", 2,
							Instant.parse("2026-06-04T10:00:00Z"), AT)),
			sample("SubscriptionCancellationScheduledEvent/1",
					new SubscriptionCancellationScheduledEvent(SUBSCRIPTION, USER, "sub_1Abc",
							Instant.parse("2026-07-01T10:00:00Z"), AT)),
			sample("SubscriptionCancellationWithdrawnEvent/1",
					new SubscriptionCancellationWithdrawnEvent(SUBSCRIPTION, USER, "sub_1Abc", LATER)),
			sample("SubscriptionCanceledEvent/1",
					new SubscriptionCanceledEvent(SUBSCRIPTION, USER, "sub_1Abc", Instant.parse("2026-07-01T10:00:00Z"),
							LATER)),
			sample("SubscriptionExpiredEvent/1",
					new SubscriptionExpiredEvent(SUBSCRIPTION, USER, null, SubscriptionStatus.INCOMPLETE_EXPIRED, AT)));

	private EventSamples() {
	}

	/**
	 * The expected event for {@code <Event>/<revision>}, or {@code null} if none is
	 * written.
	 */
	static Object expected(String event, String revision) {
		return SAMPLES.get(event + "/" + revision);
	}

	private static Map.Entry<String, Object> sample(String key, Object event) {
		return Map.entry(key, event);
	}

}
