import { z } from 'zod';
import { command, event, Empty } from './define.js';
import { ProfileId } from './profiles.js';

/** An absolute local path chosen or produced by the desktop app; length capped like PATH_MAX. */
const LocalPath = z.string().min(1).max(4096);

/** Where the desktop app keeps profile secrets, and whether that is really protected. */
export const KeychainStatus = z.object({
  /** The OS facility: `keychain` (macOS), `dpapi` (Windows), `libsecret`/`kwallet` (Linux), `basic_text`, `none`. */
  backend: z.string(),
  /** False when secrets are stored with a fixed key (Linux without a keyring) or cannot be stored at all. */
  secure: z.boolean(),
  /** What the user should read, in plain words (shown as a warning when `secure` is false). */
  description: z.string(),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

/** Where a notification click or tray item asks the window to go. */
export const DesktopTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfers') }),
  z.object({ kind: z.literal('transfer'), id: z.string() }),
  z.object({ kind: z.literal('watch'), id: z.string() }),
]);
export type DesktopTarget = z.infer<typeof DesktopTarget>;

/** An object to drag out of the browser onto the desktop. */
export const DragOutRequest = z
  .object({
    profileId: ProfileId,
    bucket: z.string().min(1).max(255),
    key: z.string().min(1).max(1024),
  })
  .strict();

/**
 * Desktop-only commands. Under `ferry serve` they answer `DesktopOnly`; the Electron shell supplies the real
 * implementations when it registers IPC.
 */
export const desktopCommands = {
  /** Shows the OS folder picker; `path` is null when the user cancels. */
  'desktop.pickFolder': command(
    z
      .object({
        purpose: z.enum(['watch-source', 'download-target']),
        defaultPath: LocalPath.optional(),
      })
      .strict(),
    z.object({ path: LocalPath.nullable() }),
  ),
  /** Shows a file Ferry downloaded in the system file manager. */
  'desktop.reveal': command(z.object({ path: LocalPath }).strict(), z.null()),
  /** Opens a file Ferry downloaded with its default application. */
  'desktop.open': command(z.object({ path: LocalPath }).strict(), z.null()),
  /**
   * Fetches an object to a temporary file (progress in `desktop.dragProgress`) and starts a native drag
   * of it, so the user can drop it on the desktop or in another app.
   */
  'desktop.dragOut': command(
    DragOutRequest,
    z.object({ path: LocalPath, bytes: z.number().int().min(0) }),
  ),
  /** Where saved secrets are kept; the UI warns when it is not secure. */
  'desktop.keychain': command(Empty, KeychainStatus),
};

export const desktopEvents = {
  /** Bytes of an object fetched so far for a drag out. */
  'desktop.dragProgress': event(
    z.object({
      bucket: z.string(),
      key: z.string(),
      bytes: z.number(),
      total: z.number().nullable(),
    }),
  ),
  /** The user clicked a notification or tray item: show this place. */
  'desktop.navigate': event(DesktopTarget),
};
