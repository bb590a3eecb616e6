import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Issue 17: an error's English comes from the catalogue, never from the call site. The rule lives in
// eslint.config.js (`no-restricted-syntax`); these fixtures prove it fires, in every folder (the transfer engine included).
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, 'test/fixtures/error-text');
const eslint = new ESLint({ cwd: root });

/** Lints a fixture as if it lived at the path on its first line (`// lint-as: …`). */
async function lintAs(file: string): Promise<string[]> {
  const text = readFileSync(path.join(fixtures, file), 'utf8');
  const target = /^\/\/ lint-as: (\S+)/.exec(text)?.[1];
  if (!target) throw new Error(`${file} has no lint-as line`);
  const [result] = await eslint.lintText(text, { filePath: path.join(root, target) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

const files = readdirSync(fixtures).filter((f) => f.endsWith('.ts'));

describe('error text comes from the catalogue, enforced by lint', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files.filter((f) => !f.endsWith('.ok.ts'))) {
    it(`fails ${file}`, async () => {
      const messages = await lintAs(file);
      expect(messages.length, `${file} writes English at the call site`).toBeGreaterThan(0);
      expect(messages[0]).toMatch(/FerryError\.of\(code, key, params\)/);
    });
  }

  for (const file of files.filter((f) => f.endsWith('.ok.ts'))) {
    it(`allows ${file}`, async () => {
      expect(await lintAs(file)).toEqual([]);
    });
  }

  it('holds in every folder of the engine and its faces', async () => {
    const ruled = async (folder: string): Promise<boolean> => {
      const file = path.join(root, folder, 'fixture.ts');
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules?: Record<string, unknown>;
      };
      return config.rules?.['no-restricted-syntax'] !== undefined;
    };
    for (const folder of [
      'src-main/engine',
      'src-main/engine/transfer',
      'src-main/engine/watch',
      'src-main/engine/sync',
      'src-main/cli',
      'src-main/serve',
      'src-main/desktop',
      'src-shared',
    ]) {
      expect(await ruled(folder), folder).toBe(true);
    }
  });
});
