import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Figures } from './figures.js';
import {
  downloadLeg,
  faultRig,
  incompleteUploads,
  SOAK,
  summary,
  uploadLeg,
  watchLeg,
  type FaultRig,
  type LegResult,
} from './fault-load.js';

const figures = new Figures(
  SOAK ? 'faults-soak' : 'faults',
  `${SOAK ? 'npm run test:soak' : 'npx vitest run test/reliability/faults.test.ts'}`,
);
afterAll(() => figures.save());

let rig: FaultRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/**
 * Was a known defect (multipart uploads of the transfer queue and the watched folder): when a stall, a reset
 * or an outage hit CreateMultipartUpload or the completion, the retry finished the upload under a new upload
 * ID and left the old one on the server. Fixed in the transfer engine (a retried create aborts the uploads the
 * journal does not know; a retried complete checks the stored object). Kept as a switch so the figures can
 * record orphans again should it regress; while false, every suite asserts that none are left.
 */
const ORPHANS_KNOWN = false;

/** The figures' words for what was left on the server. */
const orphanText = (orphans: string[]): string =>
  orphans.length
    ? `DEFECT: ${orphans.length} incomplete multipart upload(s) left (${orphans.join(', ')})`
    : 'no incomplete multipart upload left';

async function allLegs(
  r: FaultRig,
  tag: string,
): Promise<{ legs: Record<string, LegResult>; orphans: string[] }> {
  const legs = {
    uploads: await uploadLeg(r, tag),
    downloads: await downloadLeg(r, tag),
    'watched folder': await watchLeg(r, tag),
  };
  for (const [name, leg] of Object.entries(legs)) expect(leg.verified, name).toBe(leg.files);
  const orphans = await incompleteUploads(r.bucket);
  if (!ORPHANS_KNOWN) expect(orphans).toEqual([]);
  return { legs, orphans };
}

describe('transfers ride out a faulty network', () => {
  it(
    'complete and verify with 5% connection resets and 200 ms latency',
    { timeout: 180_000 },
    async () => {
      rig = await faultRig('resets', { seed: 5, resetRate: 0.05, latencyMs: 200 });
      const { legs, orphans } = await allLegs(rig, 'resets');
      const { stats } = rig.proxy;
      expect(stats.resets).toBeGreaterThan(0);
      figures.add({
        test: 'Transfers under 5% resets + 200 ms latency',
        injected: `connection resets mid-body at 5% of ${stats.requests} requests (seed 5), 200 ms added to each`,
        times: stats.resets,
        held: `${summary(legs)}; ${orphanText(orphans)}`,
      });
    },
  );

  it('detect stalled bodies and retry them without hanging', { timeout: 180_000 }, async () => {
    // The proxy would hold a stalled body for 10 minutes: only the engine's own stall watch ends it in time.
    rig = await faultRig('stalls', { seed: 11, stallRate: 0.25, stallMs: 600_000 });
    const started = performance.now();
    const { legs, orphans } = await allLegs(rig, 'stalls');
    const seconds = (performance.now() - started) / 1000;
    const { stats } = rig.proxy;
    expect(stats.stalls).toBeGreaterThan(0);
    figures.add({
      test: 'Stalled response bodies',
      injected: `body stopped halfway and held open at 25% of ${stats.requests} requests (seed 11); engine stall limit 1.5 s`,
      times: stats.stalls,
      held: `${summary(legs)} in ${seconds.toFixed(1)} s in all (a missed stall would hang 600 s); ${orphanText(orphans)}`,
    });
  });

  it('answer 503 SlowDown by backing off and finishing', { timeout: 120_000 }, async () => {
    rig = await faultRig('slowdown', { seed: 3, slowDownRate: 0.1 });
    const { legs, orphans } = await allLegs(rig, 'slowdown');
    const { stats } = rig.proxy;
    expect(stats.slowDowns).toBeGreaterThan(0);
    figures.add({
      test: 'Server answers 503 SlowDown',
      injected: `503 SlowDown (S3 XML) at 10% of ${stats.requests} requests (seed 3)`,
      times: stats.slowDowns,
      held: `${summary(legs)}; ${orphanText(orphans)}`,
    });
  });

  it(
    'wait while the server is unreachable mid-transfer, then resume by themselves',
    { timeout: 180_000 },
    async () => {
      // gateway.sh cannot restart a stopped gateway on the same data, so the proxy cuts all traffic instead:
      // to Ferry, the server is gone (connections reset and refused) and then back.
      rig = await faultRig('outage', { seed: 1, latencyMs: 20 });
      const r = rig;
      let outages = 0;
      const off = r.engine.events.on('transfers.progress', ({ items }) => {
        if (outages < 2 && items.some((i) => i.bytesDone > 0)) {
          outages++;
          r.proxy.cut(1500);
        }
      });
      // The watched folder's uploads are not queue transfers: cut once after its first upload lands.
      let watchCut = false;
      const offWatch = r.engine.events.on('watches.activity', (a) => {
        if (!watchCut && a.action === 'upload') {
          watchCut = true;
          outages++;
          r.proxy.cut(1500);
        }
      });
      const { legs, orphans } = await allLegs(r, 'outage');
      off();
      offWatch();
      expect(watchCut).toBe(true);
      expect(outages).toBeGreaterThan(0);
      expect(r.proxy.stats.cutDrops).toBeGreaterThan(0);
      figures.add({
        test: 'Server unreachable mid-transfer',
        injected:
          'all traffic cut for 1.5 s while bytes were flowing (proxy cut; the gateway script cannot restart on the same data)',
        times: outages,
        held: `${summary(legs)}; ${r.proxy.stats.cutDrops} connections dropped, every transfer resumed by itself; ${orphanText(orphans)}`,
      });
    },
  );
});
