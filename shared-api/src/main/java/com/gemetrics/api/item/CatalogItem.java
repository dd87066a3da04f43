package com.gemetrics.api.item;

/**
 * One item of the OSRS Wiki {@code /mapping} catalogue. Fields the API omits stay
 * {@code null}.
 *
 * @param id the item id
 * @param name the item name
 * @param examine the examine text
 * @param members whether only members may trade it
 * @param limit the GE buy limit per 4 hours, when known
 * @param lowAlch low alchemy value, when known
 * @param highAlch high alchemy value, when known
 * @param value the store value, when known
 * @param icon the icon file name on the wiki
 */
public record CatalogItem(int id, String name, String examine, boolean members, Integer limit, Integer lowAlch,
		Integer highAlch, Integer value, String icon) {
}
