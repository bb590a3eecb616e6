import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { WatchOptions } from '../../../src-shared/contract/index.js';
import {
  WatchId,
  WatchOptionsChange,
  WatchRule,
  type ConflictChoice,
  type WatchConflict,
  type SyncAction,
  type SyncPlan,
  type Watch,
  type WatchActivity,
} from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { FerryError } from '../errors.js';
import type { EngineEvents } from '../events.js';
import type { Clock, Logger } from '../logger.js';
import { readJsonFile, writeFileAtomic } from '../store/atomic.js';
import { IndexStore } from './index-store.js';
import { assertNoOverlap, assertNotAFile, normalisePrefix, resolveFolder } from './rules.js';
import { idleStatus } from './status.js';
import { WatchRunner } from './runner.js';
import type { DownloadSink, UploadSink } from './upload-sink.js';
import { ConflictStore } from './conflict-store.js';
import { WatchLocks } from './watch-locks.js';
import { resolveConflict } from './conflict-resolve.js';

export interface WatchManagerDeps {
  configDir: string;
  logger: Logger;
  clock: Clock;
  events: EngineEvents;
  client(profileId: string): Promise<S3Client>;
  /** Fails with ProfileNotFound for an unknown profile. */
  checkProfile(profileId: string): void;
  sink: UploadSink;
  downloads: DownloadSink;
}

/** What a new watch needs; options default as in the contract. */
export type NewWatch = {
  folder: string;
  profileId: string;
  bucket: string;
  prefix?: string;
} & Partial<WatchOptions>;

const Persisted = z.object({ watches: z.array(z.unknown()) });

/** Activity entries kept per watch for `watches.recent`. */
const RECENT_ACTIVITY = 50;

/** The configured watches: persisted in `watches.json`, started with the app, one runner each. */
export class WatchManager {
  readonly file: string;
  readonly #deps: WatchManagerDeps;
  readonly #runners = new Map<string, WatchRunner>();
  readonly #locks: WatchLocks;
  /** Rules loaded from disk; runners exist once started. */
  #rules: WatchRule[] = [];
  /** Watches of one CLI run: indexed like the others, never saved in watches.json. */
  readonly #ephemeral = new Set<string>();
  /** The last things each watch did, newest first (kept in memory: the log has the full story). */
  readonly #recent = new Map<string, WatchActivity[]>();

  constructor(deps: WatchManagerDeps) {
    this.#deps = deps;
    this.file = path.join(deps.configDir, 'watches.json');
    this.#locks = new WatchLocks(deps.configDir);
  }

  /** Reads the configured watches (without starting them). */
  async load(): Promise<void> {
    const raw = await readJsonFile(this.file).catch((error: unknown) => {
      this.#deps.logger.warn('watches: unreadable file ignored', { error: String(error) });
      return undefined;
    });
    const parsed = Persisted.safeParse(raw ?? { watches: [] });
    this.#rules = parsed.success
      ? parsed.data.watches.flatMap((w) => {
          const rule = WatchRule.safeParse(w);
          return rule.success ? [rule.data] : [];
        })
      : [];
  }

  /** Starts every configured watch (the desktop app and `ferry serve` call this at launch). */
  async startAll(): Promise<void> {
    const idle = this.#rules.filter((rule) => !this.#runners.has(rule.id));
    await Promise.all(idle.map((rule) => this.#launch(rule)));
  }

  list(): Watch[] {
    return this.#rules.map((rule) => this.#view(rule.id));
  }

  /** Adds a watch after checking the folder, the prefix and overlaps, then starts it. */
  async add(input: NewWatch, options: { persist?: boolean; id?: string } = {}): Promise<Watch> {
    this.#deps.checkProfile(input.profileId);
    const folder = await resolveFolder(input.folder);
    assertNoOverlap(folder, this.#rules);
    const rule = WatchRule.parse({
      ...input,
      id: options.id ?? `w-${randomBytes(5).toString('hex')}`,
      folder,
      prefix: normalisePrefix(input.prefix ?? ''),
    });
    // Another process watching this folder (or one around or inside it) refuses the add itself.
    if (!rule.paused) await this.#locks.acquire(rule);
    this.#rules.push(rule);
    if (options.persist === false) this.#ephemeral.add(rule.id);
    else await this.#save();
    await this.#launch(rule);
    this.#changed();
    return this.#view(rule.id);
  }

  /**
   * One reconciliation of a folder without watching it (`ferry sync`): plan, or plan and carry out and wait
   * for the uploads; `left` lists the planned uploads that did not go through. The index is kept under `id`,
   * so the next run of the same sync sends nothing unchanged.
   */
  async syncOnce(
    input: NewWatch,
    options: { id: string; dryRun: boolean; confirmDeletes: boolean },
  ): Promise<{ plan: SyncPlan; status: Watch['status']; left: SyncAction[] }> {
    this.#deps.checkProfile(input.profileId);
    const rule = WatchRule.parse({
      ...input,
      id: options.id,
      folder: await resolveFolder(input.folder),
      prefix: normalisePrefix(input.prefix ?? ''),
    });
    if (!options.dryRun) await this.#locks.assertFree(rule);
    const runner = await this.#runnerFor(rule);
    try {
      if (options.dryRun) {
        const plan = await runner.syncNow(options.confirmDeletes, true);
        return { plan, status: structuredClone(runner.book.status), left: [] };
      }
      const { plan, left } = await runner.syncOnce(options.confirmDeletes);
      return { plan, status: structuredClone(runner.book.status), left };
    } finally {
      await runner.stop();
      await runner.index.close();
    }
  }

  /** Changes options, or the prefix: the index belongs to the old keys, so a new prefix starts it afresh. */
  async update(id: string, change: Partial<WatchOptions> & { prefix?: string }): Promise<Watch> {
    const old = this.#rule(id);
    const { prefix, ...options } = change;
    const rule = WatchRule.parse({
      ...old,
      ...WatchOptionsChange.parse(options),
      ...(prefix === undefined ? {} : { prefix: normalisePrefix(prefix) }),
    });
    // The folder may have been replaced by a file since the watch was added.
    await assertNotAFile(rule.folder);
    const runner = this.#runners.get(id);
    await runner?.stop();
    await runner?.index.close();
    this.#runners.delete(id);
    // A new mode keeps the baseline and the conflicts: only a new prefix makes them meaningless.
    if (rule.prefix !== old.prefix) await this.#forgetState(id);
    this.#rules = this.#rules.map((r) => (r.id === id ? rule : r));
    await this.#save();
    await this.#launch(rule);
    this.#changed();
    return this.#view(id);
  }

  /** Stops and forgets a watch and its index; remote objects stay. */
  async remove(id: string): Promise<void> {
    this.#rule(id);
    const runner = this.#runners.get(id);
    await runner?.stop();
    await runner?.index.close();
    this.#runners.delete(id);
    await this.#locks.release(id);
    this.#rules = this.#rules.filter((r) => r.id !== id);
    this.#recent.delete(id);
    await this.#forgetState(id);
    await this.#save();
    this.#changed();
  }

  async setPaused(ids: string[], paused: boolean): Promise<Watch[]> {
    for (const id of ids) this.#rule(id);
    this.#rules = this.#rules.map((r) => (ids.includes(r.id) ? { ...r, paused } : r));
    await this.#save();
    await Promise.all(
      ids.map(async (id) => {
        const runner = this.#runners.get(id);
        if (!runner) return this.#launch(this.#rule(id));
        if (paused) return runner.pause().then(() => this.#locks.release(id));
        // A watch that could not take its lock (another process watched the folder) tries again.
        if (runner.book.status.reason?.key === 'watch.locked') return this.#launch(this.#rule(id));
        return void runner.resume().catch(() => {});
      }),
    );
    this.#changed();
    return ids.map((id) => this.#view(id));
  }

  /** Every watch id, for pauseAll/resumeAll. */
  ids(): string[] {
    return this.#rules.map((r) => r.id);
  }

  syncNow(id: string, confirmDeletes: boolean): Promise<SyncPlan> {
    return this.#runner(id).syncNow(confirmDeletes);
  }

  /**
   * Open conflicts of one watch, or of every watch, oldest first. A watch not running here (the CLI, or a
   * `ferry watch` run that ended) is read from its state file.
   */
  async conflicts(id?: string): Promise<WatchConflict[]> {
    const dir = path.join(this.#deps.configDir, 'watch-state');
    const ids =
      id !== undefined
        ? [id]
        : (await readdir(dir).catch(() => []))
            .filter((f) => f.endsWith('.json'))
            .map((f) => f.slice(0, -'.json'.length));
    const lists = await Promise.all(
      ids.map(async (i) => {
        const runner = this.#runners.get(i);
        if (runner) return runner.conflicts();
        const store = await this.#offlineStore(i);
        // Asked by name: a watch that is neither configured nor ever ran here is no watch (a typo).
        if (id !== undefined && !store.rule && !this.#rules.some((r) => r.id === id)) {
          throw FerryError.of('WatchNotFound', 'watch.notFound', { id });
        }
        return store.list();
      }),
    );
    return lists.flat().sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
  }

  /**
   * Carries out the user's choice for one conflict; answers the watch's conflicts still open. A watch not
   * running here is resolved from its files alone; it syncs the result when it next runs.
   */
  async resolveConflict(
    id: string,
    conflictId: string,
    keep: ConflictChoice,
  ): Promise<WatchConflict[]> {
    const runner = this.#runners.get(id);
    if (runner) return runner.resolve(conflictId, keep);
    const conflicts = await this.#offlineStore(id);
    const rule = this.#rules.find((r) => r.id === id) ?? conflicts.rule;
    if (!rule) throw FerryError.of('WatchNotFound', 'watch.notFound', { id });
    const index = await IndexStore.open(this.#indexFile(id), this.#deps.logger);
    try {
      await resolveConflict({ rule, index, conflicts, sink: this.#deps.sink }, conflictId, keep);
    } finally {
      await index.close();
    }
    return conflicts.list();
  }

  async #offlineStore(id: string): Promise<ConflictStore> {
    // The id names a file: one that is no watch id is no watch.
    if (!WatchId.safeParse(id).success)
      throw FerryError.of('WatchNotFound', 'watch.notFound', { id });
    return ConflictStore.open(this.#stateFile(id), this.#deps.logger);
  }

  plan(id: string): Promise<SyncPlan> {
    return this.#runner(id).syncNow(false, true);
  }

  /** The runner of a started watch (the CLI waits on it). */
  runner(id: string): WatchRunner {
    return this.#runner(id);
  }

  async dispose(): Promise<void> {
    await Promise.all(
      // The transfer queue closes next and keeps the journal of uploads in flight: they go on at next start.
      [...this.#runners.values()].map(async (r) => {
        await r.stop({ leaveUploads: true });
        await r.index.close();
      }),
    );
    this.#runners.clear();
    await this.#locks.releaseAll();
  }

  async #launch(rule: WatchRule): Promise<void> {
    const previous = this.#runners.get(rule.id);
    await previous?.stop();
    await previous?.index.close();
    const runner = await this.#runnerFor(rule);
    this.#runners.set(rule.id, runner);
    if (!rule.paused) {
      const refused = await this.#locks.acquire(rule).then(
        () => null,
        (error: unknown) => {
          if (error instanceof FerryError) return error;
          // A lock folder that cannot be written does not stop the watch; the overlap goes unchecked.
          this.#deps.logger.warn('watch: lock not taken', { id: rule.id, error: String(error) });
          return null;
        },
      );
      // Watched by another process (a `ferry watch` in a terminal): this one waits, saying why.
      if (refused) {
        runner.book.set({ state: 'error', reason: refused.toData() });
        runner.book.halted = true;
        return;
      }
    }
    await runner.start().catch((error: unknown) => {
      this.#deps.logger.warn('watch: start failed', { id: rule.id, error: String(error) });
    });
  }

  async #runnerFor(rule: WatchRule): Promise<WatchRunner> {
    const index = await IndexStore.open(this.#indexFile(rule.id), this.#deps.logger);
    const conflicts = await ConflictStore.open(this.#stateFile(rule.id), this.#deps.logger);
    return new WatchRunner(rule, {
      index,
      conflicts,
      sink: this.#deps.sink,
      downloads: this.#deps.downloads,
      client: () => this.#deps.client(rule.profileId),
      logger: this.#deps.logger,
      clock: this.#deps.clock,
      status: (status) => this.#deps.events.emit('watches.status', status),
      activity: (action, error) => this.#activity(rule.id, action, error),
    });
  }

  #activity(id: string, action: SyncAction, error: FerryErrorData | null): void {
    const at = new Date(this.#deps.clock.now()).toISOString();
    const entry = { id, at, ...action, error };
    this.#recent.set(id, [entry, ...(this.#recent.get(id) ?? [])].slice(0, RECENT_ACTIVITY));
    this.#deps.events.emit('watches.activity', entry);
  }

  /** The last things a watch did, newest first. */
  recent(id: string): WatchActivity[] {
    this.#rule(id);
    return structuredClone(this.#recent.get(id) ?? []);
  }

  #indexFile(id: string): string {
    return path.join(this.#deps.configDir, 'watch-index', `${id}.log`);
  }

  /** The open conflicts and in-flight work of a `download` or `two-way` watch. */
  #stateFile(id: string): string {
    return path.join(this.#deps.configDir, 'watch-state', `${id}.json`);
  }

  async #forgetState(id: string): Promise<void> {
    await rm(this.#indexFile(id), { force: true });
    await rm(this.#stateFile(id), { force: true });
  }

  #rule(id: string): WatchRule {
    const rule = this.#rules.find((r) => r.id === id);
    if (!rule) {
      throw FerryError.of('WatchNotFound', 'watch.notFound', { id });
    }
    return rule;
  }

  #runner(id: string): WatchRunner {
    this.#rule(id);
    const runner = this.#runners.get(id);
    if (!runner) throw FerryError.of('WatchNotFound', 'watch.notRunning', { id });
    return runner;
  }

  #view(id: string): Watch {
    const rule = this.#rule(id);
    const status = this.#runners.get(id)?.book.status ?? idleStatus(id, rule.paused);
    return { rule, status: structuredClone(status) };
  }

  #changed(): void {
    this.#deps.events.emit('watches.changed', { watches: this.list() });
  }

  async #save(): Promise<void> {
    const watches = this.#rules.filter((r) => !this.#ephemeral.has(r.id));
    await writeFileAtomic(this.file, `${JSON.stringify({ watches }, null, 2)}\n`);
  }
}
