package com.gemetrics.api.flip;

import java.util.List;

/**
 * A page of the caller's flips, newest buy first.
 *
 * @param items the flips
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last
 */
public record FlipPage(List<FlipView> items, String nextCursor) {
}
