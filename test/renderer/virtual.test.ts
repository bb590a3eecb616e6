import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleRange } from '../../src-renderer/lib/virtual.js';

describe('the virtual list window', () => {
  const rowHeight = 34;
  const viewport = 680;

  it('renders a screenful plus a margin, wherever 100,000 rows are scrolled to', () => {
    for (const scrollTop of [0, 1234, 50_000 * rowHeight, 100_000 * rowHeight - viewport]) {
      const { start, end } = visibleRange({ scrollTop, viewport, rowHeight, count: 100_000 });
      expect(end - start).toBeLessThan(200);
      expect(start).toBeLessThanOrEqual(Math.floor(scrollTop / rowHeight));
      expect(end).toBeGreaterThanOrEqual(
        Math.min(100_000, Math.ceil((scrollTop + viewport) / rowHeight)),
      );
    }
  });

  it('reaches the last row at the bottom and renders nothing for an empty list', () => {
    const bottom = 100_000 * rowHeight - viewport;
    expect(visibleRange({ scrollTop: bottom, viewport, rowHeight, count: 100_000 }).end).toBe(
      100_000,
    );
    expect(visibleRange({ scrollTop: 0, viewport, rowHeight, count: 0 })).toEqual({
      start: 0,
      end: 0,
    });
  });

  it('still renders rows before the first layout measured the viewport', () => {
    const { start, end } = visibleRange({ scrollTop: 0, viewport: 0, rowHeight, count: 500 });
    expect(start).toBe(0);
    expect(end).toBeGreaterThan(10);
  });

  it('scrolls just enough to reveal a row above or below the view, and not at all when visible', () => {
    expect(scrollToReveal({ index: 10, scrollTop: 0, viewport, rowHeight })).toBeNull();
    expect(scrollToReveal({ index: 0, scrollTop: 340, viewport, rowHeight })).toBe(0);
    expect(scrollToReveal({ index: 99_999, scrollTop: 0, viewport, rowHeight })).toBe(
      100_000 * rowHeight - viewport,
    );
  });
});
