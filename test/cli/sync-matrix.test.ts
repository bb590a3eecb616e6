import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

// The scenario matrix of `ferry sync` (issue 18): for folder → bucket and bucket → folder, a create, a
// modify, a delete and a rename on the source, on the destination, and on both between two syncs. Every
// case lives under its own prefix (and subfolder), so one run of the CLI syncs all of them at once; each
// direction runs twice, without and with --delete. After the second sync each case's two sides are
// compared with what they must hold, byte for byte; the summary must add up to the --dry-run plan, and the
// plan must be the expected one; a third sync must find nothing to do.

/** A change to one side: write a file/object, remove it, or rename it. */
type Op = ['put', string, string] | ['rm', string] | ['mv', string, string];
/** rel → content token (the stored body is `case:token`, so a mix-up between cases shows). */
type Files = Record<string, string>;

interface Case {
  name: string;
  src?: Op[];
  dst?: Op[];
  /** The second sync's plan, as `action rel`. */
  plan(mirror: boolean): string[];
  /** Paths the second sync finds unchanged (adopted ones included). */
  unchanged: number;
  /** Both sides after the second sync; a conflict copy is written `name (conflict).ext`. */
  end(mirror: boolean): { src: Files; dst: Files };
}

/** Every case starts with a.txt (the one changed) and s.txt (a sibling nothing touches). */
const START: Files = { 'a.txt': 'a0', 's.txt': 's' };
const same = (files: Files) => ({ src: files, dst: files });
const always =
  (...plan: string[]) =>
  () =>
    plan;

/** Folder → bucket: the folder's changes go up; the bucket's changes stay unless a local change replaces them. */
const UP: Case[] = [
  {
    name: 'src-create',
    src: [['put', 'b.txt', 'b']],
    plan: always('upload b.txt'),
    unchanged: 2,
    end: () => same({ ...START, 'b.txt': 'b' }),
  },
  {
    name: 'src-modify',
    src: [['put', 'a.txt', 'a1']],
    plan: always('upload a.txt'),
    unchanged: 1,
    end: () => same({ ...START, 'a.txt': 'a1' }),
  },
  {
    name: 'src-delete',
    src: [['rm', 'a.txt']],
    plan: (mirror) => (mirror ? ['delete a.txt'] : []),
    unchanged: 1,
    end: (mirror) => ({ src: { 's.txt': 's' }, dst: mirror ? { 's.txt': 's' } : START }),
  },
  {
    name: 'src-rename',
    src: [['mv', 'a.txt', 'r.txt']],
    plan: (mirror) => ['upload r.txt', ...(mirror ? ['delete a.txt'] : [])],
    unchanged: 1,
    end: (mirror) => ({
      src: { 'r.txt': 'a0', 's.txt': 's' },
      dst: { 'r.txt': 'a0', 's.txt': 's', ...(mirror ? {} : { 'a.txt': 'a0' }) },
    }),
  },
  {
    name: 'dst-create',
    dst: [['put', 'b.txt', 'b']],
    plan: (mirror) => (mirror ? ['delete b.txt'] : []),
    unchanged: 2,
    end: (mirror) => ({ src: START, dst: mirror ? START : { ...START, 'b.txt': 'b' } }),
  },
  {
    // One way means one way: a file unchanged here sends nothing, so the bucket's edit stays.
    name: 'dst-modify',
    dst: [['put', 'a.txt', 'x1']],
    plan: always(),
    unchanged: 2,
    end: () => ({ src: START, dst: { ...START, 'a.txt': 'x1' } }),
  },
  {
    name: 'dst-delete',
    dst: [['rm', 'a.txt']],
    plan: always('upload a.txt'),
    unchanged: 1,
    end: () => same(START),
  },
  {
    name: 'dst-rename',
    dst: [['mv', 'a.txt', 'r.txt']],
    plan: (mirror) => ['upload a.txt', ...(mirror ? ['delete r.txt'] : [])],
    unchanged: 1,
    end: (mirror) => ({ src: START, dst: mirror ? START : { ...START, 'r.txt': 'a0' } }),
  },
  {
    // The object already holds the file (its ETag is the file's MD5): adopted, not sent again.
    name: 'both-create-same',
    src: [['put', 'b.txt', 'b']],
    dst: [['put', 'b.txt', 'b']],
    plan: always(),
    unchanged: 3,
    end: () => same({ ...START, 'b.txt': 'b' }),
  },
  {
    name: 'both-create-differ',
    src: [['put', 'b.txt', 'mine']],
    dst: [['put', 'b.txt', 'theirs']],
    plan: always('upload b.txt'),
    unchanged: 2,
    end: () => same({ ...START, 'b.txt': 'mine' }),
  },
  {
    name: 'both-modify',
    src: [['put', 'a.txt', 'a-local']],
    dst: [['put', 'a.txt', 'a-remote']],
    plan: always('upload a.txt'),
    unchanged: 1,
    end: () => same({ ...START, 'a.txt': 'a-local' }),
  },
  {
    name: 'both-delete',
    src: [['rm', 'a.txt']],
    dst: [['rm', 'a.txt']],
    plan: always(),
    unchanged: 1,
    end: () => same({ 's.txt': 's' }),
  },
  {
    name: 'src-modify-dst-delete',
    src: [['put', 'a.txt', 'a1']],
    dst: [['rm', 'a.txt']],
    plan: always('upload a.txt'),
    unchanged: 1,
    end: () => same({ ...START, 'a.txt': 'a1' }),
  },
  {
    name: 'src-delete-dst-modify',
    src: [['rm', 'a.txt']],
    dst: [['put', 'a.txt', 'x1']],
    plan: (mirror) => (mirror ? ['delete a.txt'] : []),
    unchanged: 1,
    end: (mirror) => ({
      src: { 's.txt': 's' },
      dst: mirror ? { 's.txt': 's' } : ({ ...START, 'a.txt': 'x1' } as Files),
    }),
  },
  {
    name: 'both-rename-same',
    src: [['mv', 'a.txt', 'r.txt']],
    dst: [['mv', 'a.txt', 'r.txt']],
    plan: always(),
    unchanged: 2,
    end: () => same({ 'r.txt': 'a0', 's.txt': 's' }),
  },
];

/** Bucket → folder: the bucket's changes come down; a local change is never overwritten nor deleted. */
const DOWN: Case[] = [
  {
    name: 'src-create',
    src: [['put', 'b.txt', 'b']],
    plan: always('download b.txt'),
    unchanged: 2,
    end: () => same({ ...START, 'b.txt': 'b' }),
  },
  {
    name: 'src-modify',
    src: [['put', 'a.txt', 'a1']],
    plan: always('download a.txt'),
    unchanged: 1,
    end: () => same({ ...START, 'a.txt': 'a1' }),
  },
  {
    name: 'src-delete',
    src: [['rm', 'a.txt']],
    plan: (mirror) => [mirror ? 'delete a.txt' : 'keep a.txt'],
    unchanged: 1,
    end: (mirror) => ({ src: { 's.txt': 's' }, dst: mirror ? { 's.txt': 's' } : START }),
  },
  {
    name: 'src-rename',
    src: [['mv', 'a.txt', 'r.txt']],
    plan: (mirror) => ['download r.txt', mirror ? 'delete a.txt' : 'keep a.txt'],
    unchanged: 1,
    end: (mirror) => ({
      src: { 'r.txt': 'a0', 's.txt': 's' },
      dst: { 'r.txt': 'a0', 's.txt': 's', ...(mirror ? {} : { 'a.txt': 'a0' }) },
    }),
  },
  {
    // A file the sync never wrote is the user's: even --delete leaves it.
    name: 'dst-create',
    dst: [['put', 'b.txt', 'b']],
    plan: always(),
    unchanged: 2,
    end: () => ({ src: START, dst: { ...START, 'b.txt': 'b' } }),
  },
  {
    name: 'dst-modify',
    dst: [['put', 'a.txt', 'mine']],
    plan: always('keep a.txt'),
    unchanged: 1,
    end: () => ({ src: START, dst: { ...START, 'a.txt': 'mine' } }),
  },
  {
    name: 'dst-delete',
    dst: [['rm', 'a.txt']],
    plan: always('download a.txt'),
    unchanged: 1,
    end: () => same(START),
  },
  {
    name: 'dst-rename',
    dst: [['mv', 'a.txt', 'r.txt']],
    plan: always('download a.txt'),
    unchanged: 1,
    end: () => ({ src: START, dst: { ...START, 'r.txt': 'a0' } }),
  },
  {
    name: 'both-create-same',
    src: [['put', 'b.txt', 'b']],
    dst: [['put', 'b.txt', 'b']],
    plan: always(),
    unchanged: 3,
    end: () => same({ ...START, 'b.txt': 'b' }),
  },
  {
    name: 'both-create-differ',
    src: [['put', 'b.txt', 'theirs']],
    dst: [['put', 'b.txt', 'mine']],
    plan: always('conflict b.txt'),
    unchanged: 2,
    end: () => ({
      src: { ...START, 'b.txt': 'theirs' },
      dst: { ...START, 'b.txt': 'mine', 'b (conflict).txt': 'theirs' },
    }),
  },
  {
    name: 'both-modify',
    src: [['put', 'a.txt', 'a-remote']],
    dst: [['put', 'a.txt', 'a-local']],
    plan: always('conflict a.txt'),
    unchanged: 1,
    end: () => ({
      src: { ...START, 'a.txt': 'a-remote' },
      dst: { ...START, 'a.txt': 'a-local', 'a (conflict).txt': 'a-remote' },
    }),
  },
  {
    name: 'both-delete',
    src: [['rm', 'a.txt']],
    dst: [['rm', 'a.txt']],
    plan: always(),
    unchanged: 1,
    end: () => same({ 's.txt': 's' }),
  },
  {
    name: 'src-modify-dst-delete',
    src: [['put', 'a.txt', 'a1']],
    dst: [['rm', 'a.txt']],
    plan: always('download a.txt'),
    unchanged: 1,
    end: () => same({ ...START, 'a.txt': 'a1' }),
  },
  {
    // Deleted in the bucket but edited here: the edit is kept, with or without --delete.
    name: 'src-delete-dst-modify',
    src: [['rm', 'a.txt']],
    dst: [['put', 'a.txt', 'mine']],
    plan: always('keep a.txt'),
    unchanged: 1,
    end: () => ({ src: { 's.txt': 's' }, dst: { ...START, 'a.txt': 'mine' } }),
  },
  {
    name: 'both-rename-same',
    src: [['mv', 'a.txt', 'r.txt']],
    dst: [['mv', 'a.txt', 'r.txt']],
    plan: always(),
    unchanged: 2,
    end: () => same({ 'r.txt': 'a0', 's.txt': 's' }),
  },
];

/** One side of a sync pair, holding every case under `case/`. */
interface Side {
  apply(name: string, op: Op): Promise<void>;
  /** Every case's files: case → rel → body. */
  read(): Promise<Map<string, Files>>;
}

const body = (name: string, token: string) => `${name}:${token}`;

function bucketSide(bucket: string, prefix: string): Side {
  const client = rawClient();
  const key = (name: string, rel: string) => `${prefix}${name}/${rel}`;
  return {
    async apply(name, op) {
      if (op[0] === 'put') {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key(name, op[1]), Body: body(name, op[2]) }),
        );
      } else if (op[0] === 'rm') {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(name, op[1]) }));
      } else {
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: key(name, op[2]),
            CopySource: `${bucket}/${key(name, op[1])}`,
          }),
        );
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(name, op[1]) }));
      }
    },
    async read() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      const bodies = await Promise.all(
        keys.map(async (k) => {
          const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: k }));
          return got.Body!.transformToString();
        }),
      );
      return group(keys.map((k, i) => [k.slice(prefix.length), bodies[i]!]));
    },
  };
}

function folderSide(root: string): Side {
  const file = (name: string, rel: string) => path.join(root, name, rel);
  return {
    async apply(name, op) {
      if (op[0] === 'put') {
        await mkdir(path.join(root, name), { recursive: true });
        await writeFile(file(name, op[1]), body(name, op[2]));
      } else if (op[0] === 'rm') await rm(file(name, op[1]));
      else await rename(file(name, op[1]), file(name, op[2]));
    },
    async read() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
      return group(
        await Promise.all(
          files.map(async (rel) => [rel, await readFile(path.join(root, rel), 'utf8')] as const),
        ),
      );
    },
  };
}

/** `case/rel` → body, grouped by case. */
function group(pairs: (readonly [string, string])[]): Map<string, Files> {
  const out = new Map<string, Files>();
  for (const [full, content] of pairs) {
    const [name, ...rest] = full.split('/');
    out.set(name!, { ...out.get(name!), [rest.join('/')]: content });
  }
  return out;
}

/** Local time stamps a conflict name may carry for a sync run between `from` and `to`. */
function stampsBetween(from: number, to: number): Set<string> {
  const two = (n: number) => String(n).padStart(2, '0');
  const out = new Set<string>();
  for (let t = from - 60_000; t <= to + 60_000; t += 30_000) {
    const d = new Date(t);
    out.add(
      `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}${two(d.getMinutes())}`,
    );
  }
  return out;
}

/** Replaces a conflict copy's stamp by nothing (`a (conflict).txt`), after checking it is this run's. */
function withoutStamps(files: Files, stamps: Set<string>): Files {
  const out: Files = {};
  for (const [rel, content] of Object.entries(files)) {
    const m = / \(conflict (\d{4}-\d\d-\d\d \d{4})\)/.exec(rel);
    if (m) expect(stamps).toContain(m[1]);
    out[m ? rel.replace(m[0], ' (conflict)') : rel] = content;
  }
  return out;
}

/** The expected files of a case, as stored. */
const stored = (name: string, files: Files) =>
  Object.fromEntries(Object.entries(files).map(([rel, token]) => [rel, body(name, token)]));

/** What a plan (`--dry-run --json`) holds: `case/action rel`, and its unchanged count. */
function planOf(json: string): { actions: string[]; unchanged: number } {
  const parsed = JSON.parse(json) as {
    plan: { actions: { action: string; rel?: string; path?: string }[]; unchanged: number };
  };
  const actions = parsed.plan.actions.map((a) => {
    const [name, ...rest] = (a.rel ?? a.path ?? '').split('/');
    return `${name}/${a.action} ${rest.join('/')}`;
  });
  return { actions: actions.sort(), unchanged: parsed.plan.unchanged };
}

/** The summary line a sync with these planned actions must print. */
function summaryFor(down: boolean, actions: string[], unchanged: number): string {
  const n = (kind: string) => actions.filter((a) => a.includes(`/${kind} `)).length;
  return down
    ? `downloaded ${n('download')}, kept both ${n('conflict')}, deleted ${n('delete')}, unchanged ${unchanged}, kept ${n('keep')}, skipped 0`
    : `uploaded ${n('upload')}, deleted ${n('delete')}, unchanged ${unchanged}, skipped 0`;
}

const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

// The four runs are independent (own prefix, folder and config): side by side they take half the time.
describe.concurrent('ferry sync scenario matrix', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const folders: string[] = [];
  beforeAll(async () => {
    bucket = await createTestBucket('syncmatrix');
  });
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('bucket → folder: a folder gone after a sync stops the run, and nothing is made or deleted', async () => {
    const parent = tempFolder('syncgone');
    folders.push(parent);
    const folder = path.join(parent, 'mirror');
    await bucketSide(bucket.name, 'gone/').apply('c', ['put', 'a.txt', 'a0']);
    const configDir = tempConfigDir();
    const sync = () =>
      runFerry(['sync', `s3://${bucket.name}/gone/`, folder, '--delete'], configDir);
    expect((await sync()).code).toBe(0);
    await rm(folder, { recursive: true });
    const gone = await sync();
    expect(gone.code).toBe(1);
    // A sync is no watch: its own words, in one line.
    expect(gone.stderr.trim()).toBe(
      `error: The folder ${folder} is missing or not a folder, though this sync downloaded into it before. ` +
        'Ferry downloaded and deleted nothing. — Reconnect the disk or restore the folder, then sync again; ' +
        'to download everything anew, make the folder again (empty).',
    );
    expect(gone.stderr).not.toContain('watched');
    expect(await readdir(parent)).toEqual([]);
    expect(await bucketSide(bucket.name, 'gone/').read()).toEqual(
      new Map([['c', { 'a.txt': 'c:a0' }]]),
    );
    // As the hint says: the folder made again (empty) gets everything anew.
    await mkdir(folder);
    const anew = await sync();
    expect(anew.code).toBe(0);
    expect(await readFile(path.join(folder, 'c', 'a.txt'), 'utf8')).toBe('c:a0');
  }, 120_000);

  for (const down of [false, true]) {
    for (const mirror of [false, true]) {
      const direction = down ? 'bucket → folder' : 'folder → bucket';
      const cases = down ? DOWN : UP;
      it(`${direction}${mirror ? ' with --delete' : ''}: ${cases.length} cases of changes on the source, the destination and both`, async () => {
        const folder = tempFolder('syncmatrix');
        folders.push(folder);
        const prefix = `${down ? 'down' : 'up'}-${mirror ? 'mirror' : 'keep'}/`;
        const remote = bucketSide(bucket.name, prefix);
        const local = folderSide(folder);
        const [src, dst] = down ? [remote, local] : [local, remote];
        const url = `s3://${bucket.name}/${prefix}`;
        const configDir = tempConfigDir();
        const sync = (...extra: string[]) =>
          runFerry(
            [
              'sync',
              ...(down ? [url, folder] : [folder, url]),
              ...(mirror ? ['--delete'] : []),
              ...extra,
            ],
            configDir,
          );

        // Both sides start alike: the source is written, the first sync copies it.
        await Promise.all(
          cases.flatMap((c) =>
            Object.entries(START).map(([rel, token]) => src.apply(c.name, ['put', rel, token])),
          ),
        );
        const first = await sync();
        expect(first.stderr).toBe('');
        expect(first.code).toBe(0);
        const initial = await dst.read();
        for (const c of cases) expect(initial.get(c.name)).toEqual(stored(c.name, START));

        // Each case changes its own prefix; no two cases touch the same path.
        for (const c of cases) {
          for (const op of c.src ?? []) await src.apply(c.name, op);
          for (const op of c.dst ?? []) await dst.apply(c.name, op);
        }

        const expected = cases.flatMap((c) => c.plan(mirror).map((a) => `${c.name}/${a}`)).sort();
        const unchanged = cases.reduce((n, c) => n + c.unchanged, 0);
        const planned = await sync('--dry-run', '--json');
        expect(planned.code).toBe(0);
        expect(planOf(planned.stdout)).toEqual({ actions: expected, unchanged });

        const before = Date.now();
        const second = await sync();
        const stamps = stampsBetween(before, Date.now());
        expect(second.stderr).toBe('');
        expect(second.code).toBe(0);
        expect(lastLine(second.stdout)).toBe(summaryFor(down, expected, unchanged));

        const check = async () => {
          const [srcNow, dstNow] = await Promise.all([src.read(), dst.read()]);
          for (const c of cases) {
            const end = c.end(mirror);
            expect({
              name: c.name,
              src: withoutStamps(srcNow.get(c.name) ?? {}, stamps),
              dst: withoutStamps(dstNow.get(c.name) ?? {}, stamps),
            }).toEqual({
              name: c.name,
              src: stored(c.name, end.src),
              dst: stored(c.name, end.dst),
            });
          }
        };
        await check();

        // Settled: the next sync has nothing to do and changes nothing (no second conflict copy).
        const third = await sync();
        expect(third.code).toBe(0);
        expect(lastLine(third.stdout)).toMatch(
          down ? /^downloaded 0, kept both 0, deleted 0, / : /^uploaded 0, deleted 0, /,
        );
        await check();
      }, 180_000);
    }
  }
});
