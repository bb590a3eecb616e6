// The least a Node program can do to upload a folder of small files to S3: read each file whole, MD5 it,
// sign the PUT (SigV4, unsigned payload) and send it over keep-alive sockets, 64 at once. No queue, no journal,
// no progress, no retries, no checks. transfer.bench.mjs runs it as a bound: what Ferry's small-file phase
// could reach on this machine if Ferry cost nothing beyond what any Node client must do.
//
//   AWS_ENDPOINT_URL=… AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… AWS_REGION=… \
//     node bench/minimal-put.mjs DIR BUCKET PREFIX [IN_FLIGHT]
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [dir, bucket, prefix = '', inFlight = '64'] = process.argv.slice(2);
const endpoint = new URL(process.env.AWS_ENDPOINT_URL);
const accessKey = process.env.AWS_ACCESS_KEY_ID;
const secretKey = process.env.AWS_SECRET_ACCESS_KEY;
const region = process.env.AWS_REGION ?? 'us-east-1';
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(inFlight) });
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

function sign(target, headers) {
  const stamp = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = stamp.slice(0, 8);
  const key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), 's3'), 'aws4_request');
  headers['x-amz-date'] = stamp;
  headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  const names = Object.keys(headers).sort();
  const canonical = [
    'PUT',
    target,
    '',
    names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${createHmac('sha256', key).update(toSign).digest('hex')}`;
  return headers;
}

function put(key, body) {
  const target = `/${bucket}/${prefix}${key}`;
  const headers = sign(target, {
    host: endpoint.host,
    'content-length': String(body.length),
    'content-md5': createHash('md5').update(body).digest('base64'),
    'content-type': 'application/octet-stream',
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: endpoint.hostname, port: endpoint.port, method: 'PUT', path: target, headers, agent },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`${key}: HTTP ${response.statusCode}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const files = readdirSync(dir);
let next = 0;
await Promise.all(
  Array.from({ length: Number(inFlight) }, async () => {
    while (next < files.length) {
      const name = files[next++];
      await put(name, readFileSync(path.join(dir, name)));
    }
  }),
);
agent.destroy();
