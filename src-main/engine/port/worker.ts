// The desktop app's engine thread (dist/main/engine-worker.cjs): the engine, served over the worker's
// port to the Electron main thread (src-main/desktop/engine-proxy.ts).
import { parentPort } from 'node:worker_threads';
import { hostEngine } from './engine-host.js';

if (!parentPort) throw new Error('The engine worker runs only as a worker thread.');
hostEngine({ port: parentPort, env: process.env });
