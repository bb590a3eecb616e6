/** A file dropped on the page, with its path relative to what was dropped (`photos/2026/a.jpg`). */
export interface DroppedFile {
  file: File;
  path: string;
}

/** Reads every entry of a dropped directory (the API hands them out in batches). */
function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(all);
        all.push(...batch);
        next();
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: DroppedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ file, path: entry.fullPath.replace(/^\/+/, '') });
  } else if (entry.isDirectory) {
    const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
    for (const child of children) await walk(child, out);
  }
}

/**
 * Every file in a drop, folders walked recursively so the tree is kept. Entries must be taken from the
 * DataTransfer synchronously, inside the drop event; the walking happens after.
 */
export function collectDrop(data: DataTransfer): Promise<DroppedFile[]> {
  const entries: FileSystemEntry[] = [];
  const loose: DroppedFile[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      // Files from a folder input or a synthetic drop carry their place in the tree here.
      if (file) loose.push({ file, path: file.webkitRelativePath || file.name });
    }
  }
  return (async () => {
    const out = [...loose];
    for (const entry of entries) await walk(entry, out);
    return out;
  })();
}

/** The local paths of dropped files and folders, when the desktop app can tell (Electron). */
export function droppedPaths(data: DataTransfer): string[] {
  const pathOf = window.ferry?.pathForFile;
  if (!pathOf) return [];
  return Array.from(data.files)
    .map((file) => pathOf(file))
    .filter((path) => path !== '');
}

/**
 * The local paths of picked files, when the desktop app can tell: a picked folder is given whole (its files'
 * paths minus their place in it), so the engine keeps its tree.
 */
export function pickedPaths(files: File[]): string[] {
  const pathOf = window.ferry?.pathForFile;
  if (!pathOf) return [];
  const paths = new Set<string>();
  for (const file of files) {
    const full = pathOf(file);
    if (!full) return [];
    const inside = file.webkitRelativePath;
    if (!inside) paths.add(full);
    else {
      // `/home/me/album/2026/a.jpg` with `album/2026/a.jpg` → `/home/me/album`.
      const depth = inside.split('/').length - 1;
      const parts = full.split(/[/\\]/);
      paths.add(full.slice(0, full.length - parts.slice(-depth).join('/').length - 1));
    }
  }
  return [...paths];
}

/** `ferry serve`'s upload endpoint for one object; `name` is what the transfer list shows. */
export function uploadUrl(
  where: { profileId: string; bucket: string },
  key: string,
  name = key,
): string {
  return `/api/upload?${new URLSearchParams({ profileId: where.profileId, bucket: where.bucket, key, name })}`;
}

/** The `n`th "keep both" name of a key: `photos/a.jpg` → `photos/a (1).jpg`; `notes` → `notes (1)`. */
export function keepBothName(key: string, n: number): string {
  const slash = key.lastIndexOf('/') + 1;
  const base = key.slice(slash);
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  return `${key.slice(0, slash)}${stem} (${n})${ext}`;
}
