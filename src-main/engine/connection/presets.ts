import type { Preset } from '../../../src-shared/contract/index.js';
import { SERVERS } from './servers.js';

/**
 * A preset for a server kind of the capability table: addressing and checksum mode come from the table
 * (third-party servers get WHEN_REQUIRED: the SDK's default CRC checksums break many of them).
 */
function preset(
  id: Exclude<Preset['id'], 'custom'>,
  endpoint: string,
  region: string,
  note: string,
): Preset {
  const server = SERVERS[id];
  return {
    id,
    name: server.name,
    endpoint,
    region,
    pathStyle: server.pathStyle,
    checksumMode: id === 'aws' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
    note,
  };
}

/** Known server kinds and their usual settings. */
export const PRESETS: readonly Preset[] = [
  preset(
    'rustfs',
    'http://localhost:9000',
    'us-east-1',
    'A local RustFS answers on port 9000; its default keys are rustfsadmin / rustfsadmin.',
  ),
  preset(
    'minio',
    'http://localhost:9000',
    'us-east-1',
    'Use the S3 API port (9000 by default), not the console port.',
  ),
  preset(
    'ceph',
    'http://<host>:7480',
    'us-east-1',
    'RGW listens on port 7480 unless configured otherwise; keys come from `radosgw-admin user create`.',
  ),
  preset(
    'swift',
    'http://<host>:8080',
    'us-east-1',
    'The proxy needs the s3api middleware; with tempauth the access key is account:user (e.g. test:tester).',
  ),
  preset(
    'garage',
    'http://<host>:3900',
    'garage',
    'Garage answers S3 on port 3900; its region is the s3_region of garage.toml ("garage" by default).',
  ),
  preset(
    'r2',
    'https://<account-id>.r2.cloudflarestorage.com',
    'auto',
    'The account ID is in the Cloudflare dashboard under R2; create an API token with S3 credentials.',
  ),
  preset(
    'b2',
    'https://s3.<region>.backblazeb2.com',
    '<region>',
    "The bucket's endpoint (e.g. s3.us-west-004.backblazeb2.com) names its region; use an application key.",
  ),
  preset(
    'aws',
    '',
    'us-east-1',
    'Leave the endpoint empty for AWS; set the region your buckets live in.',
  ),
  {
    id: 'custom',
    name: 'Other S3-compatible server',
    endpoint: 'https://<host>',
    region: 'us-east-1',
    pathStyle: true,
    checksumMode: 'WHEN_REQUIRED',
    note: 'Enter the S3 endpoint; path-style addressing works with almost every server.',
  },
];
