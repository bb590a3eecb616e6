import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commandNames, commands, type CommandName } from '../../src-shared/contract/index.js';
import { dispatch, type Handlers } from '../../src-main/engine/dispatch.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { Figures } from '../reliability/figures.js';
import { startTestServer } from '../support/serve.js';
import {
  hostileCases,
  requestJsonSchema,
  unboundedStrings,
  validSample,
  type HostileCase,
} from './hostile-payloads.js';

const figures = new Figures('security-contract', 'npx vitest run test/security/contract.test.ts');
afterAll(() => figures.save());

/** Handlers that only record that they were reached: validation must stop hostile payloads first. */
function spyHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    commandNames.map((name) => [
      name,
      async () => {
        calls.push(name);
        return null;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

/** Commands whose schemas accept a string of any length today (reported to their owners). */
const UNBOUNDED_DEFECTS = new Set<string>([]);

const casesFor = (name: CommandName): HostileCase[] =>
  hostileCases(requestJsonSchema(commands[name].request));

function expectPristinePrototype(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
}

describe('the contract refuses payloads that fail its schemas', () => {
  it.each(commandNames)('%s: a sample built from its schema is valid', (name) => {
    const sample = validSample(requestJsonSchema(commands[name].request));
    expect(commands[name].request.safeParse(sample).success).toBe(true);
  });

  it.each(commandNames)(
    '%s: every hostile payload is refused before the handler runs',
    async (name) => {
      const { handlers, calls } = spyHandlers();
      const cases = casesFor(name);
      expect(cases.length).toBeGreaterThanOrEqual(4);
      for (const { label, payload } of cases) {
        const result = await dispatch(handlers, name, payload, silentLogger);
        expect(result, `${name} / ${label}`).toMatchObject({
          ok: false,
          error: { code: 'InvalidRequest' },
        });
        if (result.ok) continue;
        expect(result.error.message, label).toMatch(
          new RegExp(`^Invalid request for ${name.replace('.', '\\.')}: `),
        );
        expect(result.error.message.length, label).toBeLessThan(1000);
        expect(result.error.message, label).not.toContain('\n');
        expect(result.error.hint.length, label).toBeGreaterThan(0);
      }
      expect(calls).toEqual([]);
      expectPristinePrototype();
      // The valid sample does reach the handler: the refusals above are about the payloads, not the spy.
      const sample = validSample(requestJsonSchema(commands[name].request));
      expect(await dispatch(handlers, name, sample, silentLogger)).toMatchObject({ ok: true });
      expect(calls).toEqual([name]);
    },
  );

  for (const name of commandNames) {
    // Known defects stay visible: when one is fixed, its it.fails starts failing and must be removed.
    const test = UNBOUNDED_DEFECTS.has(name) ? it.fails : it;
    test(`${name}: every string it accepts has a length limit`, () => {
      expect(unboundedStrings(requestJsonSchema(commands[name].request))).toEqual([]);
    });
  }

  it('refuses unknown and hostile command names', async () => {
    const { handlers, calls } = spyHandlers();
    for (const name of [
      'nope',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      42,
      null,
      'a'.repeat(1e6),
    ]) {
      const result = await dispatch(handlers, name, {}, silentLogger);
      expect(result).toMatchObject({ ok: false, error: { code: 'UnknownCommand' } });
      if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
    }
    expect(calls).toEqual([]);
  });
});

describe('ferry serve survives the same payloads over its WebSocket', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ws: WebSocket;
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();

  beforeAll(async () => {
    server = await startTestServer();
    const origin = `http://127.0.0.1:${server.port}`;
    ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, {
      headers: { origin, cookie: `ferry_token=${server.token}` },
      maxPayload: 64 * 1024 * 1024,
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (frame.id !== undefined) pending.get(frame.id)?.(frame.result);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  });
  afterAll(async () => {
    ws.close();
    await server.close();
  });

  const send = (command: unknown, payload: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, command, payload }));
    });

  it('answers every hostile payload with an InvalidRequest envelope and stays up', async () => {
    let refused = 0;
    let total = 0;
    for (const name of commandNames) {
      for (const { label, payload } of casesFor(name)) {
        // The 100,000-deep object cannot be written as JSON by the client itself; sockets take the rest.
        let text: string;
        try {
          text = JSON.stringify(payload);
        } catch {
          continue;
        }
        if (text.length > 1024 * 1024 - 100) continue; // over maxPayload: the next test covers it
        total++;
        const result = await send(name, JSON.parse(text));
        expect(result, `${name} / ${label}`).toMatchObject({ ok: false });
        refused++;
      }
    }
    expect(await send('app.info', {})).toMatchObject({ ok: true, value: { face: 'serve' } });
    expectPristinePrototype();
    figures.add({
      test: 'Contract commands refuse hostile payloads (dispatch and ferry serve)',
      injected: `payloads generated from the schemas of ${commandNames.length} commands: wrong types, sizes, patterns, ranges, enums, extra/__proto__ keys, deep nesting`,
      times: total,
      held: `${refused}/${total} refused with InvalidRequest before any handler; server answered afterwards; Object.prototype untouched`,
    });
  });

  // A frame over the size limit is tested against a separate `ferry serve` process in serve.test.ts:
  // today it takes the whole process down, which would take this test runner with it.

  it('closes sockets that send binary, non-JSON or shapeless frames', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    for (const [frame, code] of [
      [Buffer.from([1, 2, 3]), 1003],
      ['{not json', 1007],
      ['[1,2]', 1008],
      ['{"command":"app.info"}', 1008],
    ] as const) {
      const sock = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, {
        headers: { origin, cookie: `ferry_token=${server.token}` },
      });
      await new Promise((resolve) => sock.once('open', resolve));
      const closed = new Promise<number>((resolve) => sock.once('close', (c) => resolve(c)));
      sock.send(frame);
      expect(await closed).toBe(code);
    }
    expect(await send('app.info', {})).toMatchObject({ ok: true });
  });
});
