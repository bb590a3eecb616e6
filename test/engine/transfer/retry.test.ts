import { describe, expect, it } from 'vitest';
import { pauseMs, retryAfterMs, sleep } from '../../../src-main/engine/transfer/retry.js';

const policy = { attempts: 3, baseMs: 20, maxMs: 100 };
const answered = (retryAfter: string) => ({
  $response: { headers: { 'retry-after': retryAfter } },
});

describe('the pause between tries', () => {
  it('is the backoff unless the server asked for longer, and never over a minute', () => {
    expect(pauseMs(policy, 5, {})).toBeLessThanOrEqual(100);
    expect(pauseMs(policy, 0, answered('2'))).toBe(2000);
    expect(pauseMs(policy, 0, answered('3600'))).toBe(60_000);
    expect(pauseMs({ ...policy, baseMs: 4000, maxMs: 4000 }, 0, answered('1'))).toBeGreaterThan(
      1000,
    );
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what is neither', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(retryAfterMs(answered('Sun, 01 Mar 2026 10:00:05 GMT'), now)).toBe(5000);
    expect(retryAfterMs(answered('Sun, 01 Mar 2026 09:00:00 GMT'), now)).toBe(0);
    expect(retryAfterMs(answered('soon'), now)).toBeUndefined();
    expect(retryAfterMs(new Error('no answer'), now)).toBeUndefined();
  });

  it("stops waiting when its signal aborts, with the signal's reason", async () => {
    const reason = new Error('paused');
    await expect(sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
