import { describe, expect, it } from 'vitest';
import { Notifier, type NoteSpec } from '../../src-main/desktop/notifications.js';
import type { FinishedTransfer } from '../../src-main/desktop/shell-state.js';
import { desktopStrings } from '../../src-main/desktop/strings.js';
import { manualClock } from '../support/manual-clock.js';

const t = desktopStrings('en', 'en-US');

function upload(i: number, extra: Partial<FinishedTransfer> = {}): FinishedTransfer {
  return {
    id: `t${i}`,
    direction: 'upload',
    bucket: 'photos',
    key: `2026/march/IMG_${i}.jpg`,
    localPath: `/home/ana/Pictures/IMG_${i}.jpg`,
    ok: true,
    ...extra,
  };
}

function setup(mode: 'all' | 'failures' | 'none' = 'all', strings = t) {
  const time = manualClock();
  const shown: { at: number; note: NoteSpec }[] = [];
  const notifier = new Notifier({
    clock: time.clock,
    schedule: time.schedule,
    show: (note) => shown.push({ at: time.clock.now(), note }),
    mode: () => mode,
    t: () => strings,
    intervalMs: 5000,
    gatherMs: 1500,
  });
  return { time, shown, notifier };
}

describe('notifications', () => {
  it('turns a burst of 50 uploads into one notification naming the folder', () => {
    const { time, shown, notifier } = setup();
    for (let i = 0; i < 50; i++) {
      notifier.finished(upload(i));
      time.advance(20);
    }
    time.advance(60_000);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.note).toEqual({
      title: '50 files uploaded to photos/2026/march/',
      body: '',
      target: { kind: 'transfers' },
    });
  });

  it('never shows more than one notification every five seconds, and loses nothing', () => {
    const { time, shown, notifier } = setup();
    let sent = 0;
    // 50 completions and 5 failures spread over 12 seconds.
    for (let i = 0; i < 50; i++) {
      notifier.finished(upload(i, i % 10 === 9 ? { ok: false, reason: 'Access denied.' } : {}));
      sent++;
      time.advance(240);
    }
    time.advance(60_000);
    for (let i = 1; i < shown.length; i++) {
      expect(shown[i]!.at - shown[i - 1]!.at).toBeGreaterThanOrEqual(5000);
    }
    const counted = shown.reduce((sum, { note }) => {
      const match = /^(\d+) /.exec(note.title);
      return sum + (match ? Number(match[1]) : 1);
    }, 0);
    expect(counted).toBe(sent);
    expect(time.pending()).toBe(0);
  });

  it('gives a single failure its own notification with the reason, opening that transfer', () => {
    const { time, shown, notifier } = setup();
    notifier.finished(upload(7, { ok: false, reason: 'The bucket does not exist.' }));
    time.advance(2000);
    expect(shown.map((s) => s.note)).toEqual([
      {
        title: 'Could not transfer IMG_7.jpg',
        body: 'The bucket does not exist.',
        target: { kind: 'transfer', id: 't7' },
      },
    ]);
  });

  it('shows failures before the successes that came with them', () => {
    const { time, shown, notifier } = setup();
    notifier.finished(upload(1));
    notifier.finished(upload(2, { ok: false, reason: 'Timed out.' }));
    notifier.finished(upload(3));
    time.advance(10_000);
    expect(shown.map((s) => s.note.title)).toEqual([
      'Could not transfer IMG_2.jpg',
      '2 files uploaded to photos/2026/march/',
    ]);
  });

  it('opens the watch when all of a burst came from one watched folder', () => {
    const { time, shown, notifier } = setup();
    notifier.finished(upload(1, { watchId: 'w1' }));
    notifier.finished(upload(2, { watchId: 'w1', key: '2026/april/b.jpg' }));
    time.advance(2000);
    expect(shown[0]!.note).toMatchObject({
      title: '2 files uploaded to photos/2026/',
      target: { kind: 'watch', id: 'w1' },
    });
  });

  it('names the local folder of downloads', () => {
    const { time, shown, notifier } = setup();
    for (const i of [1, 2, 3]) {
      notifier.finished(
        upload(i, { direction: 'download', localPath: `/home/ana/Downloads/set/f${i}.bin` }),
      );
    }
    time.advance(2000);
    expect(shown[0]!.note.title).toBe('3 files downloaded to /home/ana/Downloads/set/');
  });

  it('mutes successes when the setting says failures only, and everything with none', () => {
    const failuresOnly = setup('failures');
    failuresOnly.notifier.finished(upload(1));
    failuresOnly.notifier.finished(upload(2, { ok: false, reason: 'Denied.' }));
    failuresOnly.time.advance(60_000);
    expect(failuresOnly.shown.map((s) => s.note.title)).toEqual(['Could not transfer IMG_2.jpg']);

    const none = setup('none');
    none.notifier.finished(upload(1, { ok: false, reason: 'Denied.' }));
    none.time.advance(60_000);
    expect(none.shown).toEqual([]);
  });

  it('speaks Brazilian Portuguese when the language is pt-BR', () => {
    const { time, shown, notifier } = setup('all', desktopStrings('system', 'pt-BR'));
    notifier.finished(upload(1));
    notifier.finished(upload(2));
    time.advance(10_000);
    expect(shown[0]!.note.title).toBe('2 arquivos enviados para photos/2026/march/');
  });

  it("says a failure's reason in the user's language, from the error's message key", () => {
    const failed = (language: string) => {
      const { time, shown, notifier } = setup('all', desktopStrings(language, 'en-US'));
      notifier.finished(
        upload(3, {
          ok: false,
          reason: 'The bucket "photos" does not exist.',
          error: {
            code: 'NoSuchBucket',
            message: 'The bucket "photos" does not exist.',
            hint: 'Check the bucket name, or create it first.',
            key: 'bucket.noSuch',
            params: { bucket: 'photos' },
          },
        }),
      );
      time.advance(10_000);
      return shown[0]!.note.body;
    };
    expect(failed('pt-BR')).toBe('O bucket "photos" não existe.');
    expect(failed('en')).toBe('The bucket "photos" does not exist.');
  });
});
