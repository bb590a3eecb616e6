/**
 * The contract: every command (request → response) and every event (main → renderer) Ferry's faces speak.
 * The preload, the IPC handlers, `ferry serve` and the renderer's client are all derived from these maps,
 * so a change here is followed by the compiler everywhere it matters.
 */
import type { z } from 'zod';
import type { Result } from '../errors.js';
import { appCommands } from './app.js';
import { bucketCommands } from './buckets.js';
import { copyCommands, copyEvents } from './copies.js';
import { desktopCommands, desktopEvents } from './desktop.js';
import { objectCommands, objectEvents } from './objects.js';
import { profileCommands, profileEvents } from './profiles.js';
import { settingsCommands, settingsEvents } from './settings.js';
import { shareCommands } from './share.js';
import { transferCommands, transferEvents } from './transfers.js';
import { watchCommands, watchEvents } from './watches.js';
// Public access and search (issue 19)
import { policyCommands } from './policy.js';
import { searchCommands, searchEvents } from './search.js';
// Versions (issue 19)
import { versionCommands } from './versions.js';
// Bucket configuration (issue 19: lifecycle, tags, object lock, CORS)
import { bucketConfigCommands } from './bucket-config.js';
// Migrations between buckets and connections (issue 18)
import { migrationCommands, migrationEvents } from './migrations.js';

export const commands = {
  ...appCommands,
  ...profileCommands,
  ...bucketCommands,
  ...settingsCommands,
  ...desktopCommands,
  ...objectCommands,
  ...copyCommands,
  ...shareCommands,
  ...transferCommands,
  ...watchCommands,
  ...policyCommands,
  ...searchCommands,
  // Versions (issue 19)
  ...versionCommands,
  // Bucket configuration (issue 19)
  ...bucketConfigCommands,
  // Migrations (issue 18)
  ...migrationCommands,
};

export const events = {
  ...profileEvents,
  ...settingsEvents,
  ...desktopEvents,
  ...objectEvents,
  ...copyEvents,
  ...transferEvents,
  ...watchEvents,
  ...searchEvents,
  ...migrationEvents,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type Events = typeof events;
export type EventName = keyof Events;

/** What a caller passes (schema input: defaults may be omitted). */
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
/** What a handler receives after validation (schema output: defaults applied). */
export type ValidRequest<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

/** Type guard for names arriving from outside (IPC channel suffixes, WebSocket frames). */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

/** The namespaces of command names: `buckets.list` lives in `buckets`. */
type Namespace<K extends string> = K extends `${infer NS}.${string}` ? NS : never;

/**
 * The API the preload hands the page as `window.ferry`: one named function per command, grouped by
 * namespace (`ferry.buckets.list(…)`), and one named subscription per event (`ferry.events['profiles.changed'](…)`).
 */
export type FerryBridge = {
  [NS in Namespace<CommandName>]: {
    [K in CommandName as K extends `${NS}.${infer Fn}` ? Fn : never]: (
      request: CommandRequest<K>,
    ) => Promise<Result<CommandResponse<K>>>;
  };
} & {
  /** Desktop only: the local path of a file dropped on the page (Electron's webUtils.getPathForFile). */
  pathForFile?: (file: Blob) => string;
  events: {
    [K in EventName]: (listener: (payload: EventPayload<K>) => void) => () => void;
  };
};

/** IPC channel names, prefixed so nothing else on ipcMain collides with them. */
export const commandChannel = (name: CommandName): string => `ferry:cmd:${name}`;
export const eventChannel = (name: EventName): string => `ferry:evt:${name}`;

export * from './app.js';
export * from './buckets.js';
export * from './copies.js';
export * from './define.js';
export * from './desktop.js';
export * from './objects.js';
export * from './profiles.js';
export * from './settings.js';
export * from './share.js';
export * from './transfers.js';
export * from './watches.js';
export * from './policy.js';
export * from './search.js';
// Versions (issue 19)
export * from './versions.js';
// Bucket configuration (issue 19)
export * from './bucket-config.js';
// Migrations (issue 18)
export * from './migrations.js';
