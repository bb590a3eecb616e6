import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, 'test/fixtures/layering');
const eslint = new ESLint({ cwd: root });

/** Lints a fixture as if it lived at the path on its first line (`// lint-as: …`). */
async function lintAs(file: string): Promise<string[]> {
  const text = readFileSync(path.join(fixtures, file), 'utf8');
  const target = /^\/\/ lint-as: (\S+)/.exec(text)?.[1];
  if (!target) throw new Error(`${file} has no lint-as line`);
  const [result] = await eslint.lintText(text, { filePath: path.join(root, target) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const files = readdirSync(fixtures).filter((f) => f.endsWith('.ts'));

describe('layering is enforced by lint', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files.filter((f) => !f.endsWith('.ok.ts'))) {
    it(`fails ${file}`, async () => {
      const messages = await lintAs(file);
      expect(messages.length, `${file} should break a layering rule`).toBeGreaterThan(0);
    });
  }

  for (const file of files.filter((f) => f.endsWith('.ok.ts'))) {
    it(`allows ${file}`, async () => {
      expect(await lintAs(file)).toEqual([]);
    });
  }
});
