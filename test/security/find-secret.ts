/**
 * Greps a folder for a secret, the way an attacker with read access to a user's config or log folder
 * would: every file, hidden ones too, in the forms a careless writer might leave it (as is, base64,
 * URL-encoded, hex).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The byte strings a secret may hide as. */
export function secretForms(secret: string): Buffer[] {
  const raw = Buffer.from(secret);
  return [
    raw,
    Buffer.from(raw.toString('base64').replace(/=+$/, '')),
    Buffer.from(raw.toString('base64url')),
    Buffer.from(encodeURIComponent(secret)),
    Buffer.from(raw.toString('hex')),
  ];
}

/** True when any form of the secret occurs in the text or bytes. */
export function containsSecret(data: string | Buffer, secret: string): boolean {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return secretForms(secret).some((form) => bytes.includes(form));
}

/** Every file under the folders that contains the secret, except the allowed ones (a secret store). */
export async function filesContainingSecret(
  folders: string[],
  secret: string,
  options: { allow?: string[] } = {},
): Promise<string[]> {
  const allowed = new Set((options.allow ?? []).map((file) => path.resolve(file)));
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.isFile() && !allowed.has(path.resolve(file))) {
        if (containsSecret(await readFile(file), secret)) found.push(file);
      }
    }
  };
  for (const folder of folders) await walk(folder);
  return found;
}

/** How many files the folders hold (to show a scan was not of an empty folder). */
export async function countFiles(folders: string[]): Promise<number> {
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name));
      else count++;
    }
  };
  for (const folder of folders) await walk(folder);
  return count;
}
