/**
 * What each S3 server Ferry meets supports and needs, and how Ferry tells which one it is talking to.
 * Facts marked "measured" were observed here against the real server (SERVERS.md); the others come from
 * the servers' own documentation, and `unknown` is written where neither says.
 */
import type {
  DetectedServer,
  ServerFeature,
  ServerKind,
} from '../../../src-shared/contract/index.js';

/** `yes`, `no`, or `unknown` when neither a measurement nor the server's documentation settles it. */
export type Support = 'yes' | 'no' | 'unknown';

/** What one server kind supports and needs. */
export interface ServerCapabilities {
  kind: ServerKind;
  name: string;
  features: Record<ServerFeature, Support>;
  /**
   * The checksum sent on requests S3 marks checksum-required (DeleteObjects, bucket-configuration PUTs):
   * `md5` is Content-MD5, which every S3 server accepts; `crc32` is the SDK's default, fine on AWS only.
   */
  requiredChecksum: 'md5' | 'crc32';
  /** Path-style addressing (`server/bucket/key`); virtual hosts need DNS for every bucket. */
  pathStyle: boolean;
  /** Differences a client must allow for, in words (for logs and the README's table). */
  quirks: readonly string[];
}

const ALL_YES: Record<ServerFeature, Support> = {
  versioning: 'yes',
  objectLock: 'yes',
  policy: 'yes',
  lifecycle: 'yes',
  cors: 'yes',
  tagging: 'yes',
  conditionalPut: 'yes',
  awsChunked: 'yes',
  partNumberGet: 'yes',
};

/** The table. Every kind but AWS gets Content-MD5 on checksum-required requests: it is the one all accept. */
export const SERVERS: Readonly<Record<ServerKind, ServerCapabilities>> = {
  rustfs: {
    kind: 'rustfs',
    name: 'RustFS',
    features: { ...ALL_YES, cors: 'unknown', conditionalPut: 'unknown', partNumberGet: 'unknown' },
    requiredChecksum: 'md5',
    pathStyle: true,
    quirks: [
      'No ACLs: public access is a bucket policy.',
      'Keys with ".", ".." or "//" segments are refused.',
    ],
  },
  minio: {
    kind: 'minio',
    name: 'MinIO',
    // The community server answers NotImplemented to bucket CORS.
    features: { ...ALL_YES, cors: 'no' },
    requiredChecksum: 'md5',
    pathStyle: true,
    quirks: ['Older releases refuse DeleteObjects without Content-MD5.'],
  },
  ceph: {
    kind: 'ceph',
    name: 'Ceph RADOS Gateway',
    // Measured on 16.2: conditional PUT answers 412 on an existing key; a STREAMING-UNSIGNED-PAYLOAD-TRAILER
    // body answers 411 MissingContentLength; GET ?partNumber=1 works.
    features: { ...ALL_YES, awsChunked: 'no' },
    requiredChecksum: 'md5',
    pathStyle: true,
    quirks: [
      'CompleteMultipartUpload answers an empty ETag (HeadObject has it).',
      'After AbortMultipartUpload, ListParts answers NoSuchKey.',
    ],
  },
  swift: {
    kind: 'swift',
    name: 'OpenStack Swift (s3api)',
    // Measured on Swift 2.30: policy, CORS, tagging and conditional PUT answer 501; aws-chunked bodies 501;
    // GET ?partNumber answers 405; lifecycle and object-lock subresources are answered as a bucket listing.
    features: {
      versioning: 'yes',
      objectLock: 'no',
      policy: 'no',
      lifecycle: 'no',
      cors: 'no',
      tagging: 'no',
      conditionalPut: 'no',
      awsChunked: 'no',
      partNumberGet: 'no',
    },
    requiredChecksum: 'md5',
    pathStyle: true,
    quirks: [
      'DeleteObjects requires Content-MD5 (a CRC32 checksum alone is refused with InvalidRequest).',
      'Lifecycle and object-lock requests are answered as a bucket listing (200), not an error.',
      'x-amz-checksum-* headers are ignored and never returned.',
      'ListBuckets gives every bucket the creation date 2009-02-03.',
      'Version IDs are timestamps.',
      'An unknown access key reads as SignatureDoesNotMatch.',
    ],
  },
  garage: {
    kind: 'garage',
    name: 'Garage',
    features: {
      ...ALL_YES,
      versioning: 'no',
      objectLock: 'no',
      policy: 'no',
      tagging: 'no',
      conditionalPut: 'unknown',
    },
    requiredChecksum: 'md5',
    pathStyle: true,
    quirks: ['No versioning and no bucket policies; access is granted per key with its own tool.'],
  },
  r2: {
    kind: 'r2',
    name: 'Cloudflare R2',
    features: {
      ...ALL_YES,
      versioning: 'no',
      objectLock: 'no',
      policy: 'no',
      tagging: 'no',
      awsChunked: 'unknown',
      partNumberGet: 'unknown',
    },
    requiredChecksum: 'md5',
    pathStyle: true,
    quirks: ['No ACLs and no bucket policies.', 'Region is "auto".'],
  },
  b2: {
    kind: 'b2',
    name: 'Backblaze B2',
    features: {
      ...ALL_YES,
      policy: 'no',
      lifecycle: 'no',
      cors: 'unknown',
      tagging: 'unknown',
      conditionalPut: 'unknown',
      awsChunked: 'unknown',
      partNumberGet: 'unknown',
    },
    requiredChecksum: 'md5',
    pathStyle: false,
    quirks: ['No ACLs and no bucket policies; the endpoint names the region.'],
  },
  aws: {
    kind: 'aws',
    name: 'Amazon S3',
    features: ALL_YES,
    requiredChecksum: 'crc32',
    pathStyle: false,
    quirks: [],
  },
  unknown: {
    kind: 'unknown',
    name: 'S3-compatible server',
    features: {
      versioning: 'unknown',
      objectLock: 'unknown',
      policy: 'unknown',
      lifecycle: 'unknown',
      cors: 'unknown',
      tagging: 'unknown',
      conditionalPut: 'unknown',
      awsChunked: 'unknown',
      partNumberGet: 'unknown',
    },
    requiredChecksum: 'md5',
    pathStyle: true,
    quirks: [],
  },
};

/** The features a server kind is known to lack (not those merely unknown). */
export function missingFeatures(kind: ServerKind): ServerFeature[] {
  const features = SERVERS[kind].features;
  return (Object.keys(features) as ServerFeature[]).filter((f) => features[f] === 'no');
}

/** The server kind an endpoint's host name gives away (the providers'), or undefined. */
export function kindFromEndpoint(endpoint: string): ServerKind | undefined {
  if (!endpoint) return 'aws';
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (/(^|\.)amazonaws\.com(\.cn)?$/.test(host)) return 'aws';
  if (host.endsWith('.r2.cloudflarestorage.com')) return 'r2';
  if (host.endsWith('.backblazeb2.com')) return 'b2';
  return undefined;
}

/** Ceph RGW request ids: `tx` + 21 hex digits, `-`, the time in hex, `-`, the gateway id and zone group. */
const CEPH_REQUEST_ID = /^tx[0-9a-f]{21}-[0-9a-f]{8,}-[0-9a-f]+-\S+$/;

/**
 * The server kind its answer's headers give away (names in lower case), or undefined. Swift's proxy adds
 * its transaction id to every answer, S3 ones included; MinIO and RustFS name themselves in `Server`;
 * Ceph RGW sends no `Server` but a request id of its own shape.
 */
export function kindFromHeaders(
  headers: Record<string, string | undefined>,
): ServerKind | undefined {
  const server = headers['server'] ?? '';
  if (headers['x-trans-id'] || headers['x-openstack-request-id']) return 'swift';
  if (/minio/i.test(server) || headers['x-minio-deployment-id']) return 'minio';
  if (/rustfs/i.test(server) || headers['x-rustfs-request-id']) return 'rustfs';
  if (/garage/i.test(server)) return 'garage';
  if (/^AmazonS3$/i.test(server)) return 'aws';
  if (CEPH_REQUEST_ID.test(headers['x-amz-request-id'] ?? '')) return 'ceph';
  return undefined;
}

const PRESET_KINDS: Readonly<Record<string, ServerKind>> = {
  rustfs: 'rustfs',
  minio: 'minio',
  ceph: 'ceph',
  swift: 'swift',
  garage: 'garage',
  r2: 'r2',
  b2: 'b2',
  // No `aws`: only an AWS endpoint (or none) makes a profile AWS's, whatever preset it started from.
};

/** What Ferry can tell about a profile's server without asking it: its endpoint first, then its preset. */
export function kindOfProfile(profile: { endpoint: string; preset?: string | undefined }): {
  kind: ServerKind;
  by: DetectedServer['by'];
} {
  const fromEndpoint = kindFromEndpoint(profile.endpoint);
  if (fromEndpoint) return { kind: fromEndpoint, by: 'endpoint' };
  const fromPreset = profile.preset ? PRESET_KINDS[profile.preset] : undefined;
  if (fromPreset) return { kind: fromPreset, by: 'preset' };
  return { kind: 'unknown', by: 'none' };
}

/**
 * The server a connection test met: what its answers' headers say wins over the endpoint and the preset
 * (a MinIO preset pointed at a RustFS is a RustFS).
 */
export function detectServer(
  profile: { endpoint: string; preset?: string | undefined },
  headers: Record<string, string | undefined> | undefined,
): DetectedServer {
  const fromHeaders = headers ? kindFromHeaders(headers) : undefined;
  const { kind, by } = fromHeaders
    ? { kind: fromHeaders, by: 'headers' as const }
    : kindOfProfile(profile);
  return { kind, name: SERVERS[kind].name, by, missing: missingFeatures(kind) };
}
