import os from 'node:os';
import path from 'node:path';

/**
 * The platform's config directory for Ferry: `$XDG_CONFIG_HOME/ferry` (~/.config/ferry) on Linux,
 * ~/Library/Application Support/Ferry on macOS, %APPDATA%\Ferry on Windows; FERRY_CONFIG_DIR overrides.
 * Faces call this with their environment; the engine itself only receives the result.
 */
export function defaultConfigDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env['FERRY_CONFIG_DIR']) return path.resolve(env['FERRY_CONFIG_DIR']);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Ferry');
  if (platform === 'win32')
    return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Ferry');
  return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'ferry');
}
