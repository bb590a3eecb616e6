/** The slice of a long list worth rendering: the rows in view plus a few either side. */
export interface VisibleRange {
  start: number;
  end: number;
}

/**
 * Which rows a virtualized list renders for a scroll position. Rows have one fixed height, so the
 * window is arithmetic rather than measured, and 100,000 rows cost the same as 100.
 */
export function visibleRange(options: {
  scrollTop: number;
  viewport: number;
  rowHeight: number;
  count: number;
  overscan?: number;
}): VisibleRange {
  const { scrollTop, viewport, rowHeight, count } = options;
  const overscan = options.overscan ?? 6;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  // Before the first layout the viewport is 0: render a screenful anyway so first paint has rows.
  const inView = Math.ceil((viewport > 0 ? viewport : 800) / rowHeight);
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + inView + overscan);
  return { start, end };
}

/** The scrollTop that brings a row fully into view, or null when it already is. */
export function scrollToReveal(options: {
  index: number;
  scrollTop: number;
  viewport: number;
  rowHeight: number;
}): number | null {
  const { index, scrollTop, viewport, rowHeight } = options;
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return null;
}
