package com.gemetrics.api.watchlist;

/** Where an alert is delivered. */
public enum DeliveryChannel {

	/** To the user's verified email address. */
	EMAIL,

	/** To the user's HTTPS webhook. */
	WEBHOOK

}
