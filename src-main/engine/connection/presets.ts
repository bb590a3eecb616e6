import type { Preset } from '../../../src-shared/contract/index.js';

/**
 * Known server kinds and their usual settings. Third-party servers get path-style addressing and
 * WHEN_REQUIRED checksums: the SDK's default CRC checksums break many of them.
 */
export const PRESETS: readonly Preset[] = [
  {
    id: 'rustfs',
    name: 'RustFS',
    endpoint: 'http://localhost:9000',
    region: 'us-east-1',
    pathStyle: true,
    checksumMode: 'WHEN_REQUIRED',
    note: 'A local RustFS answers on port 9000; its default keys are rustfsadmin / rustfsadmin.',
  },
  {
    id: 'minio',
    name: 'MinIO',
    endpoint: 'http://localhost:9000',
    region: 'us-east-1',
    pathStyle: true,
    checksumMode: 'WHEN_REQUIRED',
    note: 'Use the S3 API port (9000 by default), not the console port.',
  },
  {
    id: 'ceph',
    name: 'Ceph RADOS Gateway',
    endpoint: 'http://<host>:7480',
    region: 'us-east-1',
    pathStyle: true,
    checksumMode: 'WHEN_REQUIRED',
    note: 'RGW listens on port 7480 unless configured otherwise; keys come from `radosgw-admin user create`.',
  },
  {
    id: 'r2',
    name: 'Cloudflare R2',
    endpoint: 'https://<account-id>.r2.cloudflarestorage.com',
    region: 'auto',
    pathStyle: true,
    checksumMode: 'WHEN_REQUIRED',
    note: 'The account ID is in the Cloudflare dashboard under R2; create an API token with S3 credentials.',
  },
  {
    id: 'b2',
    name: 'Backblaze B2',
    endpoint: 'https://s3.<region>.backblazeb2.com',
    region: '<region>',
    pathStyle: false,
    checksumMode: 'WHEN_REQUIRED',
    note: "The bucket's endpoint (e.g. s3.us-west-004.backblazeb2.com) names its region; use an application key.",
  },
  {
    id: 'aws',
    name: 'Amazon S3',
    endpoint: '',
    region: 'us-east-1',
    pathStyle: false,
    checksumMode: 'WHEN_SUPPORTED',
    note: 'Leave the endpoint empty for AWS; set the region your buckets live in.',
  },
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
