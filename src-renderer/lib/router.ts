/**
 * Where the user is, as a URL fragment: `#/objects?c=<connection>&b=<bucket>&p=<folder>`. A fragment works
 * in both faces (Electron's app:// page and `ferry serve`, whose token has already become a cookie), never
 * reaches the server, and survives a reload.
 */

/** The screens a location can name; `objects` is a bucket's browser. */
export const VIEWS = [
  'connections',
  'buckets',
  'objects',
  'transfers',
  'watches',
  'migration',
  'settings',
] as const;
export type LocationView = (typeof VIEWS)[number];

export interface AppLocation {
  view: LocationView;
  profileId: string | null;
  bucket: string | null;
  /** The folder open in the browser ('' for the bucket's root). */
  prefix: string;
}

const isView = (name: string): name is LocationView => (VIEWS as readonly string[]).includes(name);

/** Reads a fragment (`#/objects?c=…`); null when it names no location (empty or foreign). */
export function parseLocation(hash: string): AppLocation | null {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  if (!match || !isView(match[1]!)) return null;
  const query = new URLSearchParams(match[2] ?? '');
  const view = match[1]!;
  const bucket = query.get('b') || null;
  const prefix = query.get('p') ?? '';
  if (view === 'objects' && !bucket) return null;
  return {
    view,
    profileId: query.get('c') || null,
    bucket: view === 'objects' ? bucket : null,
    // A folder always ends with `/`; anything else would open a listing of names starting with it.
    prefix: view === 'objects' && prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
  };
}

/** Writes a location as a fragment; the inverse of parseLocation. */
export function formatLocation(location: AppLocation): string {
  const query = new URLSearchParams();
  if (location.profileId) query.set('c', location.profileId);
  if (location.view === 'objects' && location.bucket) {
    query.set('b', location.bucket);
    if (location.prefix) query.set('p', location.prefix);
  }
  const search = query.toString();
  return `#/${location.view}${search ? `?${search}` : ''}`;
}

/**
 * Mouse buttons 3 and 4 (back, forward) as a history step. Browsers act on them themselves; the desktop
 * window does not, except on Windows, where they arrive as app commands handled by the main process.
 */
export function mouseHistoryStep(button: number, desktop: boolean, platform: string): -1 | 0 | 1 {
  if (!desktop || platform === 'win32') return 0;
  return button === 3 ? -1 : button === 4 ? 1 : 0;
}
