// A counting HTTP relay for the benchmarks: put between a tool and the server, it counts the S3 requests the
// tool sends, by kind (LIST, GET, HEAD, PUT, UPLOAD_PART …).
import http from 'node:http';

/** Classifies an S3 request the way the issue counts them. */
export function kind(method, url) {
  const q = new URL(url, 'http://x').searchParams;
  if (method === 'GET' && (q.has('list-type') || q.has('prefix') || q.has('delimiter')))
    return 'LIST';
  if (method === 'GET' && url.split('?')[0].split('/').filter(Boolean).length <= 1) return 'LIST';
  if (method === 'PUT' && q.has('partNumber')) return 'UPLOAD_PART';
  if (method === 'POST' && q.has('uploads')) return 'CREATE_MULTIPART';
  if (method === 'POST' && q.has('uploadId')) return 'COMPLETE_MULTIPART';
  if (method === 'POST' && q.has('delete')) return 'DELETE_OBJECTS';
  return method;
}

/** An HTTP relay to `target` that counts the requests passing through it by kind; `take()` answers and resets. */
export function relay(target) {
  const counts = {};
  const t = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const k = kind(req.method, req.url);
    counts[k] = (counts[k] ?? 0) + 1;
    const up = http.request(
      {
        host: t.hostname,
        port: t.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        endpoint: `http://127.0.0.1:${server.address().port}`,
        take() {
          const c = { ...counts };
          for (const key of Object.keys(counts)) delete counts[key];
          return c;
        },
        close: () => (server.closeAllConnections(), server.close(), agent.destroy()),
      }),
    ),
  );
}
