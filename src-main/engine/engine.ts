import path from 'node:path';
import type { Profile } from '../../src-shared/contract/index.js';
import { appHandlers } from './api/app.js';
import { bucketHandlers } from './api/buckets.js';
import { copyHandlers } from './api/copies.js';
import { desktopHandlers } from './api/desktop.js';
import { objectHandlers } from './api/objects.js';
import { versionHandlers } from './api/versions.js';
import { profileHandlers } from './api/profiles.js';
import { settingsHandlers } from './api/settings.js';
import { shareHandlers } from './api/share.js';
import { Listings } from './browse/listings.js';
import { CopyJobs } from './objects/paste.js';
import { transferHandlers } from './api/transfers.js';
import { watchHandlers } from './api/watches.js';
import { policyHandlers } from './api/policy.js';
import { searchHandlers } from './api/search.js';
import { Searches } from './browse/searches.js';
// Bucket configuration (issue 19)
import { bucketConfigHandlers } from './api/bucket-config.js';
import { migrationHandlers } from './api/migrations.js';
import { Migrations } from './sync/migrations.js';
import { environmentProfile } from './connection/profile.js';
import { ProfileStore } from './connection/profiles.js';
import type { Handlers } from './dispatch.js';
import { EngineEvents } from './events.js';
import { systemClock, type Clock, type Logger } from './logger.js';
import { MemorySecretStore, type SecretStore } from './store/secrets.js';
import { SettingsStore } from './store/settings.js';
import type { JournalLoad } from './journal/journal.js';
import { TransferQueue, type QueueOptions } from './transfer/queue.js';
import { WatchManager } from './watch/manager.js';
import { TransferUploadSink } from './watch/transfer-sink.js';

export interface EngineOptions {
  logger: Logger;
  clock?: Clock;
  /** Which face hosts the engine; reported to the renderer. */
  face: 'desktop' | 'serve' | 'cli';
  /** Where settings, profiles, journals and indexes live (see store/paths.ts for the default). */
  configDir: string;
  /** Environment to read AWS_* from; passed in, never read from globals. */
  env?: Record<string, string | undefined>;
  secrets?: SecretStore;
  /** The user's home directory, for importing ~/.aws profiles; passed in like env. */
  homeDir?: string;
  platform?: string;
  /** Queue the transfers an earlier run left unfinished (desktop and serve; the CLI resumes per command). */
  resumeTransfers?: boolean;
  /** Transfer queue tuning (retry policy, stall timeout, test seams); defaults suit real use. */
  transfers?: Partial<
    Pick<QueueOptions, 'retry' | 'stallMs' | 'progressIntervalMs' | 'openWriter'>
  >;
}

/** The engine: profiles, S3 operations and (later) transfers and watches, shared by every face. */
export class Engine {
  readonly events = new EngineEvents();
  readonly profiles: ProfileStore;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly face: EngineOptions['face'];
  readonly platform: string;
  readonly configDir: string;
  readonly settings: SettingsStore;
  /** Streamed object listings in flight. */
  readonly listings = new Listings();
  /** Searches by name in flight (issue 19). */
  readonly searches = new Searches();
  /** Undefined when the face did not pass one; importing ~/.aws profiles then says so. */
  readonly homeDir: string | undefined;
  /** The transfer queue: uploads and downloads, resumable through the journal in `<configDir>/transfers`. */
  readonly transfers: TransferQueue;
  /** What opening the transfer journal found (a `backup` path means it was damaged and reset). */
  journalLoad: JournalLoad = { entries: 0 };
  /** Watched folders; `watches.startAll()` is the face's call (the app starts them, a CLI run does not). */
  readonly watches: WatchManager;
  /** Server-side pastes (copy and move) with progress. */
  readonly copies: CopyJobs;
  /** Bucket → bucket migrations in the background (issue 18). */
  readonly migrations: Migrations;
  #handlers: Handlers | undefined;

  private constructor(options: EngineOptions) {
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.face = options.face;
    this.platform = options.platform ?? 'unknown';
    this.configDir = options.configDir;
    this.homeDir = options.homeDir;
    this.settings = new SettingsStore(options.configDir, options.logger);
    const secrets = options.secrets ?? new MemorySecretStore();
    this.profiles = new ProfileStore(
      secrets,
      (profiles: Profile[]) => this.events.emit('profiles.changed', { profiles }),
      { file: path.join(options.configDir, 'profiles.json'), logger: options.logger },
    );
    this.transfers = new TransferQueue({
      profiles: this.profiles,
      settings: () => this.settings.get(),
      dir: path.join(options.configDir, 'transfers'),
      logger: options.logger,
      clock: this.clock,
      emit: (name, payload) => this.events.emit(name, payload),
      ...options.transfers,
    });
    this.watches = new WatchManager({
      configDir: options.configDir,
      logger: this.logger,
      clock: this.clock,
      events: this.events,
      client: (id) => this.profiles.client(id),
      checkProfile: (id) => void this.profiles.get(id),
      sink: new TransferUploadSink(this.transfers),
      downloads: new TransferUploadSink(this.transfers),
    });
    this.copies = new CopyJobs({
      client: (id) => this.profiles.client(id),
      endpoint: (id) => this.profiles.get(id).endpoint || 'AWS S3',
      clock: this.clock,
      emit: (job) => this.events.emit('copies.changed', { job }),
    });
    this.migrations = new Migrations(this);
  }

  /** Creates an engine and loads what it needs: settings and the environment profile. */
  static async create(options: EngineOptions): Promise<Engine> {
    const engine = new Engine(options);
    // Separate files: read together, not one after another (every `ferry` command waits for them).
    const [, , , journalLoad] = await Promise.all([
      engine.settings.load(),
      engine.profiles.load(),
      engine.watches.load(),
      engine.transfers.open(),
      engine.migrations.load(),
    ]);
    engine.journalLoad = journalLoad;
    const env = environmentProfile(options.env ?? {});
    if (env) await engine.profiles.put(env.profile, env.credentials.secretAccessKey);
    if (options.resumeTransfers) {
      // Browser files first: the journal's entry of one that had begun is then left to its job.
      await engine.transfers.restoreSpooled();
      engine.transfers.restorePending();
    }
    return engine;
  }

  /**
   * The contract's handlers: each engine part contributes its group (src-main/engine/api), and the
   * compiler checks that together they cover every command.
   */
  handlers(): Handlers {
    this.#handlers ??= {
      ...appHandlers(this),
      ...profileHandlers(this),
      ...bucketHandlers(this),
      ...settingsHandlers(this),
      ...desktopHandlers(),
      ...objectHandlers(this),
      ...copyHandlers(this),
      ...shareHandlers(this),
      ...transferHandlers(this),
      ...watchHandlers(this),
      ...policyHandlers(this),
      ...searchHandlers(this),
      // Versions (issue 19)
      ...versionHandlers(this),
      // Bucket configuration (issue 19)
      ...bucketConfigHandlers(this),
      // Migrations (issue 18)
      ...migrationHandlers(this),
    };
    return this.#handlers;
  }

  async dispose(): Promise<void> {
    this.listings.cancelAll();
    this.searches.cancelAll();
    this.copies.cancelAll();
    await this.migrations.stopAll();
    await this.watches.dispose();
    await this.transfers.close();
    this.profiles.dispose();
  }
}
