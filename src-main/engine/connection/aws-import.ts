import path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsProfileCandidate } from '../../../src-shared/contract/index.js';
import { FerryError } from '../errors.js';
import { DEFAULT_REGION, isAwsEndpoint, type ConnectionProfile } from './profile.js';
import { checkEndpoint } from './profile-input.js';

type Section = Record<string, string | undefined>;

/** One importable AWS profile with what Ferry would make of it. */
export interface AwsProfile extends AwsProfileCandidate {
  secretAccessKey: string | undefined;
}

/** The Ferry id of an imported AWS profile. */
export const importedId = (name: string): string =>
  `aws-${name.replace(/[^A-Za-z0-9._-]+/g, '-')}`.slice(0, 64);

/** `endpoint_url` from the profile, or from its `services` section's `s3` block. */
function endpointOf(config: Section, services: Record<string, Section>): string {
  const direct = config['endpoint_url'];
  if (direct) return direct;
  const service = config['services'] ? services[`services.${config['services']}`] : undefined;
  return service?.['s3.endpoint_url'] ?? service?.['endpoint_url'] ?? '';
}

type Problem = Pick<AwsProfile, 'problem' | 'problemKey'>;

function problemOf(
  config: Section,
  creds: Section,
  keys: { accessKeyId: string; secretAccessKey: string | undefined },
  endpoint: string,
): Problem {
  const problem = (problemKey: NonNullable<Problem['problemKey']>, text: string): Problem => ({
    problem: text,
    problemKey,
  });
  if (config['sso_start_url'] || config['sso_session'])
    return problem('sso', 'uses AWS SSO, which Ferry cannot import');
  if (config['role_arn'] || creds['role_arn'])
    return problem('role', 'assumes a role, which Ferry cannot import');
  if (config['credential_process'])
    return problem('process', 'uses credential_process, which Ferry cannot import');
  if (!keys.accessKeyId) return problem('noAccessKey', 'has no aws_access_key_id');
  try {
    checkEndpoint(endpoint);
  } catch (error) {
    return problem(
      'badEndpoint',
      error instanceof FerryError ? error.message : 'has an invalid endpoint_url',
    );
  }
  if (!keys.secretAccessKey) return problem('noSecretKey', 'has no aws_secret_access_key');
  return { problem: null, problemKey: null };
}

/**
 * Reads ~/.aws/config and ~/.aws/credentials with the SDK's own ini loader (home dir passed in; the SDK's
 * environment lookups are bypassed by giving both paths) and describes every profile found.
 */
export async function scanAwsProfiles(
  homeDir: string | undefined,
  exists: (id: string) => boolean,
): Promise<AwsProfile[]> {
  if (!homeDir) {
    throw FerryError.of('Internal', 'aws.noHome');
  }
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    filepath: path.join(homeDir, '.aws', 'credentials'),
    configFilepath: path.join(homeDir, '.aws', 'config'),
    ignoreCache: true,
  });
  const services = Object.fromEntries(
    Object.entries(configFile).filter(([name]) => name.startsWith('services.')),
  ) as Record<string, Section>;
  const names = new Set(
    [...Object.keys(configFile), ...Object.keys(credentialsFile)].filter(
      (n) => !n.startsWith('services.') && !n.startsWith('sso-session.'),
    ),
  );
  return [...names].sort().map((name) => {
    const config = (configFile[name] ?? {}) as Section;
    const creds = (credentialsFile[name] ?? {}) as Section;
    const accessKeyId = creds['aws_access_key_id'] ?? config['aws_access_key_id'] ?? '';
    const secretAccessKey = creds['aws_secret_access_key'] ?? config['aws_secret_access_key'];
    const endpoint = endpointOf(config, services);
    return {
      name,
      endpoint,
      region: config['region'] ?? creds['region'] ?? DEFAULT_REGION,
      accessKeyId,
      hasSecret: Boolean(secretAccessKey),
      secretAccessKey,
      ...problemOf(config, creds, { accessKeyId, secretAccessKey }, endpoint),
      exists: exists(importedId(name)),
    };
  });
}

/** The Ferry profile for an importable AWS profile. */
export function profileFromAws(found: AwsProfile): ConnectionProfile {
  const endpoint = checkEndpoint(found.endpoint);
  const aws = isAwsEndpoint(endpoint);
  return {
    id: importedId(found.name),
    name: `AWS ${found.name}`,
    endpoint,
    region: found.region,
    pathStyle: !aws,
    checksumMode: aws ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
    accessKeyId: found.accessKeyId,
    source: 'saved',
  };
}
