import type { Engine } from '../engine/engine.js';
import { FerryError } from '../engine/errors.js';
import {
  DEFAULT_REGION,
  environmentProfile,
  isAwsEndpoint,
  parseEndpoint,
} from '../engine/connection/profile.js';
import type { GlobalFlags } from './flags.js';

/**
 * Picks the profile a command talks to: explicit flags first (filled in from AWS_* variables), then
 * `--profile`, then the `environment` profile.
 */
export async function resolveProfileId(
  engine: Engine,
  flags: GlobalFlags,
  env: Record<string, string | undefined>,
): Promise<string> {
  const fromFlags = flags.endpoint || flags['access-key'] || flags['secret-key'];
  if (fromFlags) {
    const base = environmentProfile(env);
    const accessKeyId = flags['access-key'] ?? base?.credentials.accessKeyId ?? '';
    const secret = flags['secret-key'] ?? base?.credentials.secretAccessKey ?? '';
    if (!accessKeyId || !secret) {
      throw FerryError.of(
        'MissingCredentials',
        accessKeyId ? 'cli.noSecretKey' : 'cli.noAccessKey',
      );
    }
    const endpoint = flags.endpoint
      ? parseEndpoint(flags.endpoint)
      : (base?.profile.endpoint ?? '');
    const aws = isAwsEndpoint(endpoint);
    await engine.profiles.put(
      {
        id: 'command-line',
        name: 'command line',
        endpoint,
        region: flags.region ?? base?.profile.region ?? DEFAULT_REGION,
        pathStyle: flags['path-style'] ?? !aws,
        checksumMode: aws ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
        accessKeyId,
        source: 'saved',
      },
      secret,
      // Flags are for this run only: neither the profile nor its secret is saved.
      { transient: true },
    );
    return 'command-line';
  }
  if (flags.profile) {
    engine.profiles.get(flags.profile);
    return flags.profile;
  }
  const profiles = engine.profiles.list();
  if (profiles.some((p) => p.id === 'environment')) return 'environment';
  if (profiles.length > 0) {
    throw FerryError.of('MissingCredentials', 'cli.noProfileChosen', {
      profiles: profiles.map((p) => p.id).join(', '),
    });
  }
  throw FerryError.of('MissingCredentials', 'cli.noConnection');
}
