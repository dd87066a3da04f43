package com.gemetrics.api.item;

/** The orders the item list can be sorted in; numeric sorts put missing values last. */
public enum ItemSort {

	ID, NAME, MARGIN, ROI, VOLUME, PROFIT_PER_LIMIT

}
