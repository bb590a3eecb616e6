import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutBucketTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerKind } from '../../../src-shared/contract/index.js';
import { PRESETS } from '../../../src-main/engine/connection/presets.js';
import {
  SERVERS,
  detectServer,
  kindFromHeaders,
  missingFeatures,
} from '../../../src-main/engine/connection/servers.js';
import { translateError } from '../../../src-main/engine/connection/translate.js';
import type { Engine } from '../../../src-main/engine/engine.js';
import { FerryError } from '../../../src-main/engine/errors.js';
import { runFerry } from '../../support/cli.js';
import { tempConfigDir } from '../../support/engine.js';
import { call, gatewayEngine } from '../../support/gateway-engine.js';
import { rawClient, uniqueBucketName } from '../../support/s3.js';

describe('telling servers apart by their answers', () => {
  it.each([
    // Swift's proxy stamps every answer, S3 ones included.
    [
      { 'x-trans-id': 'tx5f0e4a3c0a6b4a4d8d9a2-0069e1c0a1', 'x-openstack-request-id': 'tx5f…' },
      'swift',
    ],
    // Ceph RGW: no Server header; request ids of its own shape (measured on the test gateway).
    [{ 'x-amz-request-id': 'tx000004f1220f8221dc763-006b0f84fc-1005-default' }, 'ceph'],
    [{ server: 'MinIO', 'x-amz-request-id': '1790A1B2C3D4E5F6' }, 'minio'],
    [{ server: 'RustFS' }, 'rustfs'],
    [{ server: 'Garage/v1.0.1' }, 'garage'],
    [{ server: 'AmazonS3', 'x-amz-request-id': 'K2H6N7ZGQT6WHCEG' }, 'aws'],
    [{ server: 'nginx' }, undefined],
    [{ 'x-amz-request-id': 'K2H6N7ZGQT6WHCEG' }, undefined],
  ] as const)('%o is %s', (headers, kind) => {
    expect(kindFromHeaders(headers)).toBe(kind);
  });
});

describe('the server a profile points at', () => {
  it('comes from its answers first, then the endpoint, then the preset', () => {
    const swift = { 'x-trans-id': 'tx1' };
    expect(detectServer({ endpoint: 'http://h:9000', preset: 'minio' }, swift)).toMatchObject({
      kind: 'swift',
      by: 'headers',
    });
    expect(detectServer({ endpoint: 'https://acc.r2.cloudflarestorage.com' }, {})).toMatchObject({
      kind: 'r2',
      by: 'endpoint',
    });
    expect(detectServer({ endpoint: '' }, undefined)).toMatchObject({
      kind: 'aws',
      by: 'endpoint',
    });
    expect(detectServer({ endpoint: 'http://h:7480', preset: 'ceph' }, {})).toMatchObject({
      kind: 'ceph',
      by: 'preset',
    });
    // An AWS preset pointed at another endpoint is not AWS.
    expect(detectServer({ endpoint: 'http://h:9000', preset: 'aws' }, {})).toMatchObject({
      kind: 'unknown',
      by: 'none',
      missing: [],
    });
  });

  it('lists what Swift lacks, as measured', () => {
    expect(missingFeatures('swift')).toEqual([
      'objectLock',
      'policy',
      'lifecycle',
      'cors',
      'tagging',
      'conditionalPut',
      'awsChunked',
      'partNumberGet',
    ]);
    expect(missingFeatures('aws')).toEqual([]);
  });
});

describe('the table and the presets', () => {
  it('sends Content-MD5 on checksum-required requests to every server but AWS', () => {
    for (const server of Object.values(SERVERS)) {
      expect(server.requiredChecksum, server.kind).toBe(server.kind === 'aws' ? 'crc32' : 'md5');
    }
  });

  it('presets take their name and addressing from the table', () => {
    for (const preset of PRESETS) {
      if (preset.id === 'custom') continue;
      expect(preset.name).toBe(SERVERS[preset.id].name);
      expect(preset.pathStyle).toBe(SERVERS[preset.id].pathStyle);
      expect(preset.checksumMode).toBe(preset.id === 'aws' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED');
    }
  });
});

describe('what the run’s server lacks', () => {
  const s3 = rawClient();
  const bucket = uniqueBucketName('features');
  let engine: Engine;
  let kind: ServerKind;

  beforeAll(async () => {
    engine = await gatewayEngine();
    kind = (await call(engine, 'profiles.test', { profileId: 'environment' })).server.kind;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    await runFerry(['rb', '--force', `s3://${bucket}`], tempConfigDir());
    await engine.dispose();
  });

  /** A bucket setting through Ferry's client, its failure translated as every face sees it. */
  async function attempt(send: (client: S3Client) => Promise<unknown>): Promise<FerryError | 'ok'> {
    const client = await engine.profiles.client('environment');
    return send(client).then(
      () => 'ok' as const,
      (e: unknown) => translateError(e, { bucket }),
    );
  }

  it.each([
    [
      'cors',
      'setting bucket CORS',
      (client: S3Client) =>
        client.send(
          new PutBucketCorsCommand({
            Bucket: bucket,
            CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] },
          }),
        ),
    ],
    [
      'tagging',
      'setting bucket tagging',
      (client: S3Client) =>
        client.send(
          new PutBucketTaggingCommand({
            Bucket: bucket,
            Tagging: { TagSet: [{ Key: 'team', Value: 'ops' }] },
          }),
        ),
    ],
  ] as const)(
    '%s works, or reads "This server does not support …"',
    async (feature, words, make) => {
      const outcome = await attempt(make);
      if (SERVERS[kind].features[feature] === 'no') {
        expect(outcome).toBeInstanceOf(FerryError);
        expect(outcome).toMatchObject({
          code: 'NotSupported',
          message: `This server does not support ${words}.`,
        });
      } else {
        expect(outcome).toBe('ok');
      }
    },
  );
});
