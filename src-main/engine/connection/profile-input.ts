import { access, constants } from 'node:fs/promises';
import type { z } from 'zod';
import type { ProfileInput } from '../../../src-shared/contract/index.js';
import { FerryError, invalid } from '../errors.js';
import { DEFAULT_REGION, isAwsEndpoint, parseEndpoint, type ConnectionProfile } from './profile.js';

type ValidInput = z.output<typeof ProfileInput>;

/** A profile id from a name: `My RustFS` → `my-rustfs`, made unique against the taken ones. */
export function profileIdFor(name: string, taken: (id: string) => boolean): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'profile';
  let id = base;
  for (let n = 2; taken(id) || id === 'environment' || id === 'command-line'; n++)
    id = `${base}-${n}`;
  return id;
}

/** Checks an endpoint as typed; template placeholders from presets must be filled in. */
export function checkEndpoint(raw: string): string {
  if (/[<>]/.test(raw)) {
    throw FerryError.of('InvalidEndpoint', 'endpoint.placeholder', { endpoint: raw });
  }
  return raw.trim() ? parseEndpoint(raw) : '';
}

async function checkCaFile(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch {
    throw FerryError.of('InvalidProfile', 'profile.caUnreadable', { file });
  }
}

/**
 * Turns what the user entered into a profile: validates the endpoint, keys and CA file, and fills in the
 * defaults for the kind of endpoint (path-style and WHEN_REQUIRED checksums for non-AWS servers).
 */
export async function profileFromInput(
  input: ValidInput,
  existing: ConnectionProfile | undefined,
  id: string,
): Promise<{ profile: ConnectionProfile; secret: string | undefined }> {
  const endpoint = checkEndpoint(input.endpoint);
  if (!input.accessKeyId) {
    throw FerryError.of('MissingCredentials', 'profile.accessKeyEmpty');
  }
  const secret = input.secretAccessKey;
  if (secret !== undefined && secret.trim() === '') {
    throw FerryError.of(
      'MissingCredentials',
      existing ? 'profile.secretKeyEmptyKeep' : 'profile.secretKeyEmpty',
    );
  }
  if (!existing && secret === undefined) {
    throw FerryError.of('MissingCredentials', 'profile.secretKeyNeeded');
  }
  if (input.region !== undefined && !/^[a-z0-9-]*$/i.test(input.region)) {
    throw invalid('profile.badRegion', { region: input.region });
  }
  if (input.caFile) await checkCaFile(input.caFile);
  const aws = isAwsEndpoint(endpoint);
  const profile: ConnectionProfile = {
    id,
    name: input.name,
    endpoint,
    region: input.region || DEFAULT_REGION,
    pathStyle: input.pathStyle ?? !aws,
    checksumMode: input.checksumMode ?? (aws ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED'),
    accessKeyId: input.accessKeyId,
    source: 'saved',
    ...(input.caFile ? { caFile: input.caFile } : {}),
    ...(input.allowInsecureTls ? { allowInsecureTls: true } : {}),
    ...(input.preset ? { preset: input.preset } : {}),
  };
  return { profile, secret };
}
