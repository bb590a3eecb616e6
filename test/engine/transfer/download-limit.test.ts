import { once } from 'node:events';
import net from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForLimit } from '../../../src-main/engine/transfer/download-ranges.js';
import { Throttle } from '../../../src-main/engine/transfer/throttle.js';

describe('a download waiting for a low bandwidth limit', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  /** A connected socket whose peer never answers, with an idle timeout of `ms`. */
  async function silentSocket(ms: number) {
    const server = net.createServer(() => {});
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    closers.push(() => {
      socket.destroy();
      server.close();
    });
    socket.setTimeout(ms);
    let timedOut = false;
    socket.on('timeout', () => (timedOut = true));
    return { socket, timedOut: () => timedOut };
  }

  it('keeps the socket from timing out while Ferry, not the server, holds the body', async () => {
    // 24 KiB at 16 KiB/s is about 1.5 s of waiting: three times the socket's idle timeout.
    const { socket, timedOut } = await silentSocket(500);
    const body = Object.assign(new PassThrough(), { socket });
    const started = Date.now();
    await waitForLimit(
      new Throttle(() => 16 * 1024),
      24 * 1024,
      new AbortController().signal,
      body,
    );
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(timedOut()).toBe(false);
  });

  it('is a real wait: the same socket left alone times out', async () => {
    const { timedOut } = await silentSocket(500);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(timedOut()).toBe(true);
  });

  it('stops waiting when the transfer is paused or cancelled', async () => {
    const { socket } = await silentSocket(500);
    const body = Object.assign(new PassThrough(), { socket });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('paused')), 200);
    await expect(
      waitForLimit(new Throttle(() => 1024), 64 * 1024, controller.signal, body),
    ).rejects.toThrow('paused');
  });
});
