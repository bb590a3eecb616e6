import { isFinalState, type Transfer } from '../../src-shared/contract/transfers.js';
import type { Engine } from '../engine/engine.js';
import { formatError, type Io } from './io.js';
import { formatBytes, formatSeconds } from './sizes.js';

/**
 * Follows a set of transfers to the end and tells the user: a progress bar on a terminal, one JSON object
 * per line with --json, plain lines otherwise. Resolves to the exit code: 0 only if every transfer succeeded.
 */
export function followTransfers(
  engine: Engine,
  io: Io,
  ids: string[],
  json: boolean,
): Promise<number> {
  const pending = new Set(
    ids.filter((id) => !isFinalState(engine.transfers.get(id)?.state ?? 'done')),
  );
  const watched = new Set(ids);
  const announced = new Set<string>();
  let failed = 0;
  let doneCount = 0;
  const finished = (t: Transfer) => {
    if (t.state === 'done') doneCount++;
    else failed++;
    if (json) io.out(JSON.stringify({ type: 'result', transfer: t }));
    else if (t.state === 'done') {
      if (io.isTty) io.status?.('');
      const tail = t.note ? ` (${t.note})` : '';
      io.out(
        `${t.direction === 'upload' ? 'upload' : 'download'}: ${t.source} → ${t.target}${tail}`,
      );
    } else if (t.error) {
      if (io.isTty) io.status?.('');
      io.err(`${formatError(t.error)} [${t.source}]`);
    }
  };
  const announce = (t: Transfer) => {
    if (!t.resumed || announced.has(t.id)) return;
    announced.add(t.id);
    const resumed = t.resumedBytes ?? 0;
    const line = `Resuming ${t.source} from the journal: ${formatBytes(resumed)} of ${formatBytes(t.bytesTotal ?? 0)} already transferred, not sent again.`;
    if (json) io.out(JSON.stringify({ type: 'resumed', id: t.id, resumedBytes: resumed }));
    else io.err(line);
  };
  for (const id of ids) {
    const t = engine.transfers.get(id);
    if (t && isFinalState(t.state)) finished(t);
  }
  return new Promise((resolve) => {
    // Ctrl-C pauses what is left into the journal (as quitting the desktop app does) and says how to go on.
    const offInterrupt = io.onInterrupt?.((code) => {
      const left = [...pending].filter(
        (id) => !isFinalState(engine.transfers.get(id)?.state ?? 'done'),
      );
      engine.transfers.pause(left);
      offChanged();
      offProgress();
      if (io.isTty && !json) io.status?.('');
      io.err(
        `Interrupted: ${left.length} transfer${left.length === 1 ? '' : 's'} paused. Run the same command again to continue where it stopped.`,
      );
      resolve(code);
    });
    const offChanged = engine.events.on('transfers.changed', ({ transfers }) => {
      for (const t of transfers) {
        if (!watched.has(t.id)) continue;
        announce(t);
        if (isFinalState(t.state) && pending.delete(t.id)) finished(t);
      }
      if (pending.size === 0) {
        offChanged();
        offProgress();
        offInterrupt?.();
        if (io.isTty && !json) io.status?.('');
        resolve(failed > 0 ? 1 : 0);
      }
    });
    const offProgress = engine.events.on('transfers.progress', ({ items, totals }) => {
      if (json) {
        for (const item of items)
          if (watched.has(item.id)) io.out(JSON.stringify({ type: 'progress', ...item }));
      } else if (io.isTty) {
        const share = totals.bytesTotal ? totals.bytesDone / totals.bytesTotal : 0;
        const width = 24;
        const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
        const eta = totals.speed > 0 ? (totals.bytesTotal - totals.bytesDone) / totals.speed : null;
        io.status?.(
          `[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${formatBytes(totals.bytesDone)} / ${formatBytes(totals.bytesTotal)}  ${formatBytes(totals.speed)}/s  ETA ${formatSeconds(eta)}  files ${doneCount}/${ids.length}`,
        );
      }
    });
    if (pending.size === 0) {
      offChanged();
      offProgress();
      offInterrupt?.();
      resolve(failed > 0 ? 1 : 0);
    }
  });
}
