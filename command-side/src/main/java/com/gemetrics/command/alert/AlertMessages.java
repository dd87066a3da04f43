package com.gemetrics.command.alert;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.watchlist.AlertType;

/**
 * What an alert says: the mail's subject and text, and the webhook's JSON. Item, rule and
 * observed value only: no address, URL or token.
 */
final class AlertMessages {

	private static final ObjectMapper JSON = new ObjectMapper();

	private AlertMessages() {
	}

	static String subject(AlertDelivery alert) {
		return "GE-Metrics alert: " + alert.itemName() + " " + describe(alert.type()) + " " + coins(alert.threshold());
	}

	static String mailText(AlertDelivery alert) {
		return "Your watchlist alert on " + alert.itemName() + " (item " + alert.itemId() + ") fired.\n\n" + "Rule: "
				+ describe(alert.type()) + " " + coins(alert.threshold()) + " coins\n" + "Observed: "
				+ observedName(alert.type()) + " " + coins(alert.observed()) + " coins at " + alert.observedAt()
				+ "\n\n" + "You can pause or remove this rule on your watchlist in GE-Metrics.\n";
	}

	static String webhookJson(AlertDelivery alert) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("alertId", alert.alertId());
		body.put("ruleId", alert.ruleId());
		body.put("itemId", alert.itemId());
		body.put("itemName", alert.itemName());
		body.put("type", alert.type().name());
		body.put("threshold", alert.threshold());
		body.put("observed", alert.observed());
		body.put("observedAt", alert.observedAt().toString());
		try {
			return JSON.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("alert JSON", ex);
		}
	}

	private static String describe(AlertType type) {
		return switch (type) {
			case PRICE_AT_OR_ABOVE -> "price at or above";
			case PRICE_AT_OR_BELOW -> "price at or below";
			case MARGIN_AT_OR_ABOVE -> "margin after tax at or above";
		};
	}

	private static String observedName(AlertType type) {
		return (type == AlertType.MARGIN_AT_OR_ABOVE) ? "margin after tax" : "instant-buy price";
	}

	private static String coins(long amount) {
		return NumberFormat.getIntegerInstance(Locale.ROOT).format(amount);
	}

}
