import { z } from 'zod';
import { command, Empty } from './define.js';

/** What the renderer learns about the process it talks to. */
export const AppInfo = z.object({
  version: z.string(),
  /** Which face the renderer is running in: the Electron window or `ferry serve` in a browser. */
  face: z.enum(['desktop', 'serve']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCommands = {
  'app.info': command(Empty, AppInfo),
};
