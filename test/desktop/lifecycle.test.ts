import { beforeEach, describe, expect, it } from 'vitest';
import { reloadAfterCrash } from '../../src-main/desktop/lifecycle.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { resetFake, WebContents } from '../support/fake-electron.js';
import { manualClock } from '../support/manual-clock.js';

beforeEach(resetFake);

function crashable() {
  const time = manualClock();
  const contents = new WebContents();
  reloadAfterCrash(contents as unknown as Electron.WebContents, {
    closeToTray: () => true,
    isQuitting: () => false,
    logger: silentLogger,
    clock: time.clock,
    maxCrashes: 3,
    crashWindowMs: 60_000,
  });
  const crash = (reason = 'crashed') => contents.emit('render-process-gone', {}, { reason });
  return { time, contents, crash };
}

describe('a crashed renderer', () => {
  it('is reloaded, but not forever when it keeps crashing', () => {
    const { contents, crash, time } = crashable();
    for (let i = 0; i < 5; i++) {
      crash();
      time.advance(1000);
    }
    expect(contents.reloads).toBe(3);
    // A minute later the page gets another chance.
    time.advance(60_000);
    crash('oom');
    expect(contents.reloads).toBe(4);
  });

  it('is not reloaded after a clean exit', () => {
    const { contents, crash } = crashable();
    crash('clean-exit');
    expect(contents.reloads).toBe(0);
  });
});
