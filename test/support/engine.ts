import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
