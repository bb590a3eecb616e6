import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { rendererFile, registerAppScheme, serveRenderer } from '../../src-main/desktop/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp.js';
import { fake, resetFake } from '../support/fake-electron.js';

beforeEach(resetFake);

describe('the app:// protocol', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ferry-renderer-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'a.js'), 'export {}');

  it('registers app as a secure standard scheme', () => {
    registerAppScheme();
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer with the CSP header', async () => {
    serveRenderer(root);
    const res = await fake.protocolHandlers.get('app')!(new Request('app://ferry/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('never serves files outside the renderer folder', async () => {
    serveRenderer(root);
    const handler = fake.protocolHandlers.get('app')!;
    for (const url of [
      'app://ferry/../../etc/passwd',
      'app://ferry/%2e%2e/%2e%2e/etc/passwd',
      'app://other/index.html',
    ]) {
      expect((await handler(new Request(url))).status).toBe(404);
    }
    // Encoded dot-segments are clamped inside the root, never resolved above it.
    expect(rendererFile(root, '/..%2f..%2fetc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(rendererFile(root, '/assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
  });
});
