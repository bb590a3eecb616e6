import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { FerryError } from '../../../src-main/engine/errors.js';
import type { Logger } from '../../../src-main/engine/logger.js';
import { contractIssues, type PortOp } from '../../../src-main/engine/port/protocol.js';
import { PortPeer } from '../../../src-main/engine/port/transport.js';

/** A logger that keeps every line, to check what reached it (and what did not). */
function keptLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: keep, info: keep, warn: keep, error: keep };
}

const ops = {
  greet: {
    body: z.object({ name: z.string().max(10) }).strict(),
    answer: z.object({ text: z.string() }),
  },
  fail: { body: z.object({}), answer: z.object({}) },
} satisfies Record<string, PortOp>;

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** Two peers on the two ends of one channel: `left` serves `ops`, `right` asks them. */
function pair(answer: (name: string) => unknown = (name) => ({ text: `hello ${name}` })) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const log = keptLog();
  const left = new PortPeer({
    port: port1,
    served: ops,
    asked: {},
    logger: log,
    handlers: {
      greet: async ({ name }) => answer(name) as { text: string },
      fail: async () => {
        throw new FerryError('AccessDenied', 'Refused.', 'Ask nicely.', {
          key: 'auth.denied',
          params: { n: 1 },
        });
      },
    },
  });
  const events = vi.fn();
  const right = new PortPeer({
    port: port2,
    served: {},
    asked: ops,
    logger: log,
    handlers: {},
    onMessage: events,
  });
  return { left, right, log, port1, port2, events };
}

describe('the port transport', () => {
  it('answers a request with what the handler returned, checked against the answer schema', async () => {
    const { right } = pair();
    await expect(right.request('greet', { name: 'ana' })).resolves.toEqual({ text: 'hello ana' });
  });

  it('refuses a body that does not match the operation, logging where but never the value', async () => {
    const { right, log } = pair();
    const secret = 'a-value-too-long-to-pass';
    await expect(right.request('greet', { name: secret })).rejects.toMatchObject({
      code: 'Internal',
      key: 'contract.failed',
    });
    expect(log.lines.join('\n')).toContain('port: refused a request');
    expect(log.lines.join('\n')).toContain('name: too_big');
    expect(log.lines.join('\n')).not.toContain(secret);
  });

  it('rejects an answer that does not match the schema of what was asked', async () => {
    const { right, log } = pair(() => ({ text: 42 }));
    await expect(right.request('greet', { name: 'ana' })).rejects.toThrow(
      'the answer to greet did not match its schema',
    );
    expect(log.lines.join('\n')).toContain('port: an answer did not match its schema');
  });

  it('carries an expected failure across as the same FerryError: code, key and parameters', async () => {
    const { right } = pair();
    const error = await right.request('fail', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({
      code: 'AccessDenied',
      message: 'Refused.',
      hint: 'Ask nicely.',
      key: 'auth.denied',
      params: { n: 1 },
    });
  });

  it('drops what is not a port message, and an event that names no contract event', async () => {
    const { port1, log, events, left } = pair();
    port1.postMessage({ kind: 'event', name: 'profiles.changed', payload: { profiles: [] } });
    port1.postMessage({ hello: 'there' });
    port1.postMessage({ kind: 'event', name: 'disk.format', payload: {} });
    left.send({ kind: 'log', level: 'info', message: 'done' });
    await vi.waitFor(() => expect(events).toHaveBeenCalledTimes(2));
    expect(events.mock.calls.map(([m]) => (m as { kind: string }).kind)).toEqual(['event', 'log']);
    expect(log.lines.filter((l) => l.startsWith('port: dropped a malformed message'))).toHaveLength(
      2,
    );
  });

  it('fails the requests still waiting when the port closes, and refuses new ones', async () => {
    const { right } = pair(() => new Promise(() => {}));
    const waiting = right.request('greet', { name: 'ana' });
    right.close(new Error('the other side stopped'));
    await expect(waiting).rejects.toThrow('the other side stopped');
    await expect(right.request('greet', { name: 'bo' })).rejects.toThrow('the other side stopped');
  });
});

describe('what leaves the engine', () => {
  const totals = {
    queued: 0,
    running: 1,
    paused: 0,
    failed: 0,
    bytesDone: 5,
    bytesTotal: 9,
    speed: 2,
  };
  const item = { id: 't1', bytesDone: 5, bytesTotal: 9, speed: 2, etaSeconds: 2 };

  it('keeps to the contract: events and answers are checked before they are posted', () => {
    expect(
      contractIssues('event', 'transfers.progress', { items: [item], totals }),
    ).toBeUndefined();
    expect(contractIssues('answer', 'desktop.reveal', null)).toBeUndefined();
  });

  it('says where a payload breaks it, by path, and names what the contract does not know', () => {
    expect(
      contractIssues('event', 'transfers.progress', {
        items: [{ ...item, bytesDone: -1 }],
        totals,
      }),
    ).toBe('items.0.bytesDone: too_small');
    expect(contractIssues('answer', 'settings.get', { theme: 'sepia' })).toBe(
      'theme: invalid_value',
    );
    expect(contractIssues('event', 'disk.format', {})).toBe('disk.format: not in the contract');
    expect(contractIssues('answer', 'disk.format', {})).toBe('disk.format: not in the contract');
  });
});
