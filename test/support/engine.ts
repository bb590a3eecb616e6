import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionProfile } from '../../src-main/engine/connection/profile.js';
import { Engine, type EngineOptions } from '../../src-main/engine/engine.js';
import { silentLogger } from '../../src-main/engine/logger.js';

/** A fresh temporary config dir. */
export function tempConfigDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ferry-config-'));
}

/** An engine with a silent logger and its own temporary config dir. */
export function testEngine(options: Partial<EngineOptions> = {}): Promise<Engine> {
  return Engine.create({
    logger: silentLogger,
    face: 'serve',
    env: {},
    configDir: tempConfigDir(),
    ...options,
  });
}

/** A saved path-style profile for `endpoint` (what RustFS, MinIO or Ceph need), with `extra` on top. */
export function testProfile(
  endpoint: string,
  extra: Partial<ConnectionProfile> = {},
): ConnectionProfile {
  return {
    id: 'p',
    name: 'p',
    endpoint,
    region: 'us-east-1',
    pathStyle: true,
    checksumMode: 'WHEN_REQUIRED',
    accessKeyId: 'AKIATEST',
    source: 'saved',
    ...extra,
  };
}
