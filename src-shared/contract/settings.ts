import { z } from 'zod';
import { changeOf, command, event, Empty } from './define.js';

const MiB = 1024 * 1024;

/** User preferences, shared by every face. Defaults apply to fields missing from an older file. */
export const Settings = z.object({
  /** Files transferred at once. */
  concurrency: z.number().int().min(1).max(32).default(4),
  /** Parts of one file transferred at once. */
  partConcurrency: z.number().int().min(1).max(32).default(4),
  /** Multipart part size in bytes; S3 requires at least 5 MiB (except the last part). */
  partSize: z
    .number()
    .int()
    .min(5 * MiB)
    .max(5 * 1024 * MiB)
    .default(16 * MiB),
  /** Upload/download limit in bytes per second; 0 means unlimited. */
  bandwidthLimit: z.number().int().min(0).default(0),
  notifications: z.enum(['all', 'failures', 'none']).default('all'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Interface language; `system` follows the OS. */
  language: z.enum(['system', 'en', 'pt-BR']).default('system'),
  closeToTray: z.boolean().default(true),
  startAtLogin: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

/** A change of some settings: the fields left out keep their values. */
export const SettingsChange = changeOf(Settings);
export type SettingsChange = z.infer<typeof SettingsChange>;

export const settingsCommands = {
  'settings.get': command(Empty, Settings),
  /** Changes some settings; answers with all of them. */
  'settings.set': command(SettingsChange, Settings),
};

export const settingsEvents = {
  'settings.changed': event(Settings),
};
