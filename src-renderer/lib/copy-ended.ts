import type { CopyJob } from '../../src-shared/contract/index.js';
import { i18n } from './i18n/i18n.svelte.js';
import type { BrowserState } from './state/browser.svelte.js';

/** When a paste ends: say how it went, and show the folder again if the copy changed what it holds. */
export function copyEnded(job: CopyJob, browser: BrowserState, say: (text: string) => void): void {
  const key =
    job.state === 'cancelled'
      ? 'paste.endedCancelled'
      : job.failed > 0
        ? 'paste.endedFailed'
        : job.move
          ? 'paste.endedMoved'
          : 'paste.endedCopied';
  say(i18n.t(key, { count: job.objectsDone, failed: job.failed, skipped: job.skipped }));
  if (job.profileId === browser.profileId && browser.bucket) void browser.refresh();
}
