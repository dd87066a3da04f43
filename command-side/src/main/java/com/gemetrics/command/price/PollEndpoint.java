package com.gemetrics.command.price;

/**
 * The API endpoints the command side reads, under their names in metrics and poll status.
 */
enum PollEndpoint {

	MAPPING("mapping"), LATEST("latest"), FIVE_MINUTE("5m"), ONE_HOUR("1h"), TIMESERIES("timeseries");

	private final String tag;

	PollEndpoint(String tag) {
		this.tag = tag;
	}

	/**
	 * The name used as metric tag, lock name suffix and
	 * {@code market.poll_status.endpoint}.
	 */
	String tag() {
		return this.tag;
	}

}
