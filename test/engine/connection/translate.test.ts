import {
  GetObjectCommand,
  PutBucketCorsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBuckets } from '../../../src-main/engine/browse/buckets.js';
import { listPage } from '../../../src-main/engine/browse/list.js';
import { createS3Client } from '../../../src-main/engine/connection/client.js';
import type { ConnectionProfile } from '../../../src-main/engine/connection/profile.js';
import { operationWords, translateError } from '../../../src-main/engine/connection/translate.js';
import type { Engine } from '../../../src-main/engine/engine.js';
import { FerryError } from '../../../src-main/engine/errors.js';
import { deleteKeys } from '../../../src-main/engine/objects/delete.js';
import { headObject } from '../../../src-main/engine/objects/object-ops.js';
import {
  errorServer,
  selfSignedCert,
  silentServer,
  tlsServer,
  type Answer,
} from '../../support/error-server.js';
import { testProfile } from '../../support/engine.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import {
  createTestBucket,
  gateway,
  rawClient,
  serverKind,
  SWIFT_NO_RIGHTS_USER,
} from '../../support/s3.js';

const credentials = { accessKeyId: 'AKIATEST', secretAccessKey: 'secret-for-tests' };

function profileFor(endpoint: string, extra: Partial<ConnectionProfile> = {}): ConnectionProfile {
  return testProfile(endpoint, { accessKeyId: credentials.accessKeyId, ...extra });
}

/** One attempt, short timeouts: what a single failing request turns into. */
function quickClient(endpoint: string, extra: Partial<ConnectionProfile> = {}): S3Client {
  return createS3Client(profileFor(endpoint, extra), credentials, {
    maxAttempts: 1,
    connectionTimeoutMs: 1000,
    requestTimeoutMs: 500,
  });
}

/** Lists buckets on a local server that answers `answer` to everything. */
async function listAgainst(answer: Answer): Promise<FerryError> {
  const server = await errorServer(answer);
  const client = quickClient(server.endpoint);
  try {
    return await failureOf(listBuckets(client, server.endpoint));
  } finally {
    client.destroy();
    await server.close();
  }
}

let engine: Engine;
beforeAll(async () => {
  engine = await gatewayEngine();
});
afterAll(() => engine.dispose());

describe('errors from the gateway', () => {
  it('wrong secret: the signature does not match', async () => {
    const bad = await gatewayEngine({ AWS_SECRET_ACCESS_KEY: 'wrong' });
    const error = await failureOf(call(bad, 'buckets.list', { profileId: 'environment' }));
    await bad.dispose();
    expect(error.code).toBe('SignatureMismatch');
    expect(error.hint).toMatch(/secret key/);
  });

  it('unknown access key: said so, or (Swift) the hint names the access key too', async () => {
    const bad = await gatewayEngine({ AWS_ACCESS_KEY_ID: 'NOSUCHKEY000' });
    const error = await failureOf(call(bad, 'buckets.list', { profileId: 'environment' }));
    await bad.dispose();
    // Swift's tempauth cannot tell an unknown key from a wrong secret: it answers SignatureDoesNotMatch,
    // so the hint names both.
    if (serverKind() === 'swift') {
      expect(error.code).toBe('SignatureMismatch');
      expect(error.hint).toMatch(/access key and the secret/);
    } else expect(error.code).toBe('InvalidAccessKey');
  });

  it('a clock an hour off: the clock is too far from the server', async () => {
    const g = gateway();
    const client = createS3Client(
      profileFor(g.endpoint, { accessKeyId: g.accessKey }),
      { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
      { maxAttempts: 1 },
    );
    client.config.systemClockOffset = -3600 * 1000;
    const error = await failureOf(listBuckets(client, g.endpoint));
    client.destroy();
    expect(error.code).toBe('ClockSkew');
    expect(error.hint).toMatch(/clock/);
  });

  it('missing bucket and missing key, named in the message', async () => {
    const bucket = await createTestBucket('errs');
    try {
      const client = await engine.profiles.client('environment');
      const noKey = await failureOf(headObject(client, bucket.name, 'nope #1.txt'));
      expect(noKey.code).toBe('NoSuchKey');
      expect(noKey.message).toContain('nope #1.txt');
      const noBucket = await failureOf(
        call(engine, 'objects.listPage', { profileId: 'environment', bucket: `${bucket.name}-x` }),
      );
      expect(noBucket.code).toBe('NoSuchBucket');
      expect(noBucket.message).toContain(`${bucket.name}-x`);
      // A HEAD has no body to tell the two apart; a missing bucket must not be reported as a missing object.
      const headNoBucket = await failureOf(headObject(client, `${bucket.name}-x`, 'a.txt'));
      expect(headNoBucket.code).toBe('NoSuchBucket');
      expect(headNoBucket.message).toContain(`${bucket.name}-x`);
    } finally {
      await bucket.remove();
    }
  });

  it('access denied, named in the message', async () => {
    const bucket = await createTestBucket('denied');
    const s3 = rawClient();
    const swift = serverKind() === 'swift';
    const deny = (policy: object) =>
      s3.send(new PutBucketPolicyCommand({ Bucket: bucket.name, Policy: JSON.stringify(policy) }));
    let client: S3Client | undefined;
    try {
      await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'secret.txt', Body: 'x' }));
      if (swift) {
        // Swift has no bucket policies, and Ferry says so: a 501 reads as the operation not supported.
        const own = await engine.profiles.client('environment');
        const set = await own
          .send(new PutBucketPolicyCommand({ Bucket: bucket.name, Policy: '{}' }))
          .catch((e: unknown) => translateError(e, { bucket: bucket.name }));
        expect(set).toBeInstanceOf(FerryError);
        expect(set).toMatchObject({
          code: 'NotSupported',
          message: 'This server does not support setting bucket policy.',
        });
        // The refusal comes from a user without rights on the bucket.
        const g = gateway();
        client = createS3Client(
          profileFor(g.endpoint, { accessKeyId: SWIFT_NO_RIGHTS_USER.accessKey }),
          {
            accessKeyId: SWIFT_NO_RIGHTS_USER.accessKey,
            secretAccessKey: SWIFT_NO_RIGHTS_USER.secretKey,
          },
          { maxAttempts: 1 },
        );
      } else {
        await deny({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::${bucket.name}/*`,
            },
          ],
        });
        client = await engine.profiles.client('environment');
      }
      const denied = client;
      const error = await failureOf(
        denied
          .send(new GetObjectCommand({ Bucket: bucket.name, Key: 'secret.txt' }))
          .catch((e: unknown) => {
            throw translateError(e, { bucket: bucket.name, key: 'secret.txt' });
          }),
      );
      expect(error.code).toBe('AccessDenied');
      expect(error.message).toContain(`${bucket.name}/secret.txt`);
    } finally {
      if (swift) client?.destroy();
      else await deny({ Version: '2012-10-17', Statement: [] }).catch(() => {});
      await bucket.remove();
    }
  });
});

describe('network failures on real sockets', () => {
  it('nothing listening: connection refused', async () => {
    const client = quickClient('http://127.0.0.1:9');
    const error = await failureOf(listBuckets(client, 'http://127.0.0.1:9'));
    expect(error.code).toBe('ConnectionRefused');
  });

  it('a host name that does not resolve: DNS failure', async () => {
    const client = quickClient('http://no-such-host.invalid:9000');
    const error = await failureOf(listBuckets(client, 'http://no-such-host.invalid:9000'));
    expect(error.code).toBe('DnsFailure');
    expect(error.message).toContain('no-such-host.invalid');
  });

  it('a bucket host name that does not resolve: suggests path-style addressing', async () => {
    const endpoint = 'http://s3.no-such-host.invalid:9000';
    const client = quickClient(endpoint, { pathStyle: false });
    const error = await failureOf(listPage(client, { bucket: 'my-bucket', endpoint }));
    expect(error.code).toBe('WrongAddressing');
    expect(error.hint).toMatch(/path-style/);
  });

  it('a server that never answers: timeout', async () => {
    const server = await silentServer();
    const client = quickClient(server.endpoint);
    try {
      const error = await failureOf(listBuckets(client, server.endpoint));
      expect(error.code).toBe('Timeout');
      expect(error.message).toContain(server.endpoint);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe('TLS', () => {
  const pem = selfSignedCert('other.example');

  it('a self-signed certificate is not trusted, and the hint says how to trust it', async () => {
    const server = await tlsServer(pem);
    const client = quickClient(server.endpoint);
    try {
      const error = await failureOf(listBuckets(client, server.endpoint));
      expect(error.code).toBe('TlsError');
      expect(error.hint).toMatch(/"CA certificate"/);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('a trusted certificate for another host name: wrong host', async () => {
    const server = await tlsServer(pem);
    const client = quickClient(server.endpoint, { caFile: pem.cert });
    try {
      const error = await failureOf(listBuckets(client, server.endpoint));
      expect(error.code).toBe('TlsError');
      expect(error.message).toMatch(/not valid for the host/);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('works with the certificate when insecure TLS is explicitly allowed', async () => {
    const server = await tlsServer(pem);
    const client = quickClient(server.endpoint, { allowInsecureTls: true });
    try {
      expect(await listBuckets(client, server.endpoint)).toEqual([]);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('https to a plain-HTTP port: the server does not speak HTTPS', async () => {
    const server = await errorServer({ status: 200 });
    const endpoint = server.endpoint.replace('http:', 'https:');
    const client = quickClient(endpoint);
    try {
      const error = await failureOf(listBuckets(client, endpoint));
      expect(error.code).toBe('TlsError');
      expect(error.hint).toMatch(/http:\/\//);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe('S3 errors from a real HTTP server', () => {
  it.each([
    [{ status: 301, code: 'PermanentRedirect' }, 'WrongAddressing', /path-style/],
    [{ status: 301 }, 'WrongAddressing', /path-style/],
    [{ status: 409, code: 'BucketAlreadyExists' }, 'BucketAlreadyExists', /choose another name/],
    [{ status: 409, code: 'BucketAlreadyOwnedByYou' }, 'BucketAlreadyExists', /existing bucket/],
    [{ status: 409, code: 'BucketNotEmpty' }, 'BucketNotEmpty', /--force/],
    [{ status: 400, code: 'InvalidBucketName' }, 'InvalidBucketName', /3-63/],
    [{ status: 400, code: 'EntityTooLarge' }, 'EntityTooLarge', /multipart/],
    [{ status: 403, code: 'RequestTimeTooSkewed' }, 'ClockSkew', /NTP/],
    [{ status: 403, code: 'AccessDenied' }, 'AccessDenied', /policy/],
    [{ status: 503, code: 'SlowDown' }, 'SlowDown', /concurrency/],
    [{ status: 503 }, 'SlowDown', /retry/i],
    [{ status: 500, code: 'InternalError' }, 'ServerError', /server logs/],
    [{ status: 412, code: 'PreconditionFailed' }, 'PreconditionFailed', /nothing was overwritten/],
  ] as const)('%o becomes %s', async (answer, code, hint) => {
    const error = await listAgainst(answer);
    expect(error.code).toBe(code);
    expect(error.hint).toMatch(hint);
  });
});

describe("a server's own refusals, in its own words", () => {
  const swiftMd5 = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>InvalidRequest</Code><Message>Missing required header for this request: Content-MD5</Message><RequestId>tx1</RequestId></Error>`;

  it('a 400 with an S3 error shows its code and message, without blaming the endpoint', async () => {
    const server = await errorServer({ status: 400, body: swiftMd5 });
    const client = quickClient(server.endpoint);
    try {
      const error = await failureOf(deleteKeys(client, 'bucket', ['a.txt'], server.endpoint));
      expect(error.code).toBe('ServerRefused');
      expect(error.message).toBe(
        'The server refused the request: InvalidRequest — Missing required header for this request: Content-MD5',
      );
      expect(error.hint).not.toMatch(/not be an S3 server/);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('501 NotImplemented says which operation this server does not support', async () => {
    const server = await errorServer({ status: 501, code: 'NotImplemented' });
    const client = quickClient(server.endpoint);
    try {
      const error = await failureOf(
        client
          .send(
            new PutBucketCorsCommand({
              Bucket: 'b',
              CORSConfiguration: {
                CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }],
              },
            }),
          )
          .catch((e: unknown) => {
            throw translateError(e, { endpoint: server.endpoint, bucket: 'b' });
          }),
      );
      expect(error.code).toBe('NotSupported');
      expect(error.message).toBe('This server does not support setting bucket CORS.');
      expect(error.toData()).toMatchObject({
        key: 'server.unsupported',
        params: { operation: 'setting bucket CORS', api: 'PutBucketCors' },
      });
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('a 501 without a body (a HEAD) is "not supported" too', async () => {
    const server = await errorServer({ status: 501 });
    const client = quickClient(server.endpoint);
    try {
      const error = await failureOf(headObject(client, 'bucket', 'k', server.endpoint));
      expect(error.code).toBe('NotSupported');
      expect(error.message).toBe('This server does not support checking objects.');
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('an HTML page is what keeps the "may not be an S3 server" hint', async () => {
    const error = await listAgainst({
      status: 400,
      headers: { 'content-type': 'text/html' },
      body: '<html><body><h1>400 Bad Request</h1></body></html>',
    });
    expect(error.code).toBe('UnexpectedResponse');
    expect(error.message).toBe('The server answered HTTP 400 with something other than S3.');
    expect(error.hint).toMatch(/may not be an S3 server/);
  });

  it('a 5xx with an S3 error says the server failed, with its code and message', async () => {
    const error = await listAgainst({
      status: 500,
      body: '<?xml version="1.0"?><Error><Code>InternalError</Code><Message>disk on fire</Message></Error>',
    });
    expect(error.code).toBe('ServerError');
    expect(error.message).toBe('The server failed with HTTP 500 (InternalError — disk on fire).');
  });

  it('names operations in plain words', () => {
    expect(operationWords('DeleteObjectsCommand')).toBe('deleting objects');
    expect(operationWords('PutBucketLifecycleConfigurationCommand')).toBe(
      'setting bucket lifecycle configuration',
    );
    expect(operationWords('PutObjectCommand')).toBe('uploading objects');
    expect(operationWords('GetObjectAclCommand')).toBe('reading object ACL');
  });
});
