// A WAN link in userspace (tc netem is not available here): a TCP proxy in front of a server on loopback.
// Per direction, every chunk waits for the link (one rate, shared by all connections, first come first
// served: a FIFO bottleneck) and then for the one-way delay D = RTT / 2. A new connection's first bytes leave
// only one RTT after it was opened (the SYN / SYN-ACK exchange), and each connection's bytes in flight are
// bounded by a TCP-like window that starts at 10 segments and grows by what is acknowledged (slow start, one
// RTT per doubling) up to 4 MiB (this kernel's largest send buffer). No loss, no reordering, no slow start
// after idle: a little kinder to new and idle connections than a real WAN.
//
// It also keeps a log (`events`) for the benchmark: when each connection opened and when each HTTP request
// began, as the client sent them (times from performance.now()).
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const INITIAL_WINDOW = 10 * 1460;
const MAX_WINDOW = 4 * 1024 * 1024;
const REQUEST_LINE = /^(GET|PUT|POST|HEAD|DELETE) (\S+) HTTP\/1\.1\r\n/;

/**
 * Starts a proxy on 127.0.0.1 in front of `target` ({ host, port }) that behaves like a link of `rttMs`
 * round trip and `mbit` Mbit/s each way. Answers { port, events, close() }.
 */
export async function startDelayProxy({ target, rttMs, mbit }) {
  const oneWay = rttMs / 2;
  const bytesPerMs = (mbit * 1e6) / 8 / 1000;
  const events = [];
  const sockets = new Set();
  // When each direction's bottleneck is next free (the rate is shared by every connection).
  const linkFree = { up: 0, down: 0 };
  let nextId = 0;

  /** Carries bytes from `src` to `dst` as the link would, once `openAt` (the handshake) has passed. */
  function pipe(src, dst, direction, openAt, onChunk) {
    const queue = [];
    let timer = null;
    let window = INITIAL_WINDOW;
    let inFlight = 0;
    const deliver = () => {
      timer = null;
      const now = performance.now();
      while (queue.length && queue[0].at <= now) {
        const { chunk } = queue.shift();
        if (chunk === null) {
          dst.end();
          continue;
        }
        // Acknowledged one way-delay after the receiver took it; slow start grows the window by as much.
        dst.write(chunk, () =>
          setTimeout(() => {
            inFlight -= chunk.length;
            window = Math.min(MAX_WINDOW, window + chunk.length);
            if (inFlight < window) src.resume();
          }, oneWay),
        );
      }
      if (queue.length) timer = setTimeout(deliver, queue[0].at - now);
    };
    const enqueue = (chunk) => {
      const now = performance.now();
      const size = chunk?.length ?? 0;
      const leaves = Math.max(linkFree[direction], now, openAt) + size / bytesPerMs;
      if (size) linkFree[direction] = leaves;
      queue.push({ chunk, at: leaves + oneWay });
      if (!timer) timer = setTimeout(deliver, queue[0].at - now);
    };
    src.on('data', (chunk) => {
      onChunk?.(chunk);
      inFlight += chunk.length;
      if (inFlight >= window) src.pause();
      enqueue(chunk);
    });
    src.on('end', () => enqueue(null));
  }

  const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (client) => {
    const id = nextId++;
    const openedAt = performance.now();
    events.push({ type: 'connect', id, at: openedAt });
    const upstream = net.connect({ port: target.port, host: target.host, allowHalfOpen: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      // A clean close travels as an end through the queue (so queued bytes arrive first); a reset ends both.
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => sockets.delete(s));
    }
    pipe(client, upstream, 'up', openedAt + rttMs, (chunk) => {
      const line = REQUEST_LINE.exec(chunk.toString('latin1', 0, 512));
      if (line)
        events.push({
          type: 'request',
          id,
          at: performance.now(),
          method: line[1],
          path: line[2],
        });
    });
    // The server's bytes leave no earlier than the request that asked for them arrived: no handshake wait.
    pipe(upstream, client, 'down', 0);
    client.resume();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    events,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Checks the proxy against the link it claims to be: one 64 MiB stream through it to a sink on loopback
 * takes at least the link time, and a tiny request / answer costs two RTTs on a new connection (handshake,
 * then the exchange) and one on an open one. Answers the times measured, in ms.
 */
export async function checkDelayProxy({ rttMs, mbit, mib = 64 }) {
  const sink = net.createServer((s) => {
    let got = 0;
    s.on('data', (d) => {
      got += d.length;
      // A byte back for a 1-byte ping; one for the whole stream once it has all arrived.
      if (d.length === 1 && got === 1) s.write('p');
      if (got === 2) s.write('p');
      if (got >= mib * 1024 * 1024) s.end('done');
    });
  });
  await new Promise((r) => sink.listen(0, '127.0.0.1', r));
  const proxy = await startDelayProxy({
    target: { host: '127.0.0.1', port: sink.address().port },
    rttMs,
    mbit,
  });
  const connect = () => net.connect(proxy.port, '127.0.0.1');
  const answer = (s) => new Promise((r) => s.once('data', r));
  try {
    let t0 = performance.now();
    const s = connect();
    s.write('a');
    await answer(s);
    const newConnection = performance.now() - t0;
    t0 = performance.now();
    s.write('b');
    await answer(s);
    const openConnection = performance.now() - t0;
    s.destroy();
    const big = connect();
    t0 = performance.now();
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < mib; i++)
      if (!big.write(chunk)) await new Promise((r) => big.once('drain', r));
    await answer(big);
    const stream = performance.now() - t0;
    big.destroy();
    const linkTime = ((mib * 1024 * 1024 * 8) / (mbit * 1e6)) * 1000;
    return { newConnection, openConnection, stream, linkTime };
  } finally {
    await proxy.close();
    sink.close();
  }
}
