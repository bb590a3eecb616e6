import { describe, expect, it } from 'vitest';
import { createS3Client } from '../../../src-main/engine/connection/client.js';
import { deleteKeys } from '../../../src-main/engine/objects/delete.js';
import { errorServer } from '../../support/error-server.js';

describe('deleting many keys', () => {
  it('reports the keys the server refused, each with its reason, and counts the rest as deleted', async () => {
    const server = await errorServer({
      status: 200,
      body: `<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult>
  <Error><Key>locked/report #1.pdf</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
</DeleteResult>`,
    });
    const client = createS3Client(
      {
        id: 'p',
        name: 'p',
        endpoint: server.endpoint,
        region: 'us-east-1',
        pathStyle: true,
        checksumMode: 'WHEN_REQUIRED',
        accessKeyId: 'k',
        source: 'saved',
      },
      { accessKeyId: 'k', secretAccessKey: 's' },
      { maxAttempts: 1 },
    );
    try {
      const out = await deleteKeys(
        client,
        'bucket',
        ['a.txt', 'locked/report #1.pdf', 'b.txt'],
        server.endpoint,
      );
      expect(out.deleted).toBe(2);
      expect(out.failures).toEqual([
        {
          key: 'locked/report #1.pdf',
          error: expect.objectContaining({
            code: 'AccessDenied',
            message: 'Access denied to bucket/locked/report #1.pdf.',
          }) as unknown,
        },
      ]);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
