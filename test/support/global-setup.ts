import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { envPrefix, startServer, type Gateway, type ServerKind } from './gateway.js';

export interface GatewayInfo {
  /** Which server this is: each vitest project (ceph, swift) runs its tests against its own. */
  kind: ServerKind;
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    gateway: GatewayInfo;
    /** The other project's server when both run (sync between two servers); absent otherwise. */
    peer: GatewayInfo | undefined;
  }
}

/**
 * What the projects' setups share. Vitest loads this file once per project, each copy with its own module
 * state, and runs the setups one after the other; the state lives on globalThis (the main process) so the
 * first setup can start the other project's server too, and the last teardown cleans up.
 */
interface Shared {
  runDir: string;
  users: number;
  /** Servers started (or being started) by this run, by kind. */
  servers: Map<ServerKind, Promise<Gateway>>;
}
const sharedKey = Symbol.for('ferry.test.global-setup');
const scope = globalThis as { [sharedKey]?: Shared };

const KINDS: readonly ServerKind[] = ['ceph', 'swift'];

function kindOf(project: TestProject): ServerKind {
  return project.name === 'swift' ? 'swift' : 'ceph';
}

/** The server of a kind named by FERRY_GATEWAY_* / FERRY_SWIFT_* variables (a running sandbox), if any. */
function fromEnv(kind: ServerKind): GatewayInfo | undefined {
  const prefix = envPrefix(kind);
  const endpoint = process.env[`${prefix}ENDPOINT`];
  if (!endpoint) return undefined;
  return {
    kind,
    endpoint,
    accessKey: process.env[`${prefix}ACCESS_KEY`] ?? '',
    secretKey: process.env[`${prefix}SECRET_KEY`] ?? '',
    region: process.env[`${prefix}REGION`] ?? 'us-east-1',
  };
}

function start(shared: Shared, kind: ServerKind): Promise<Gateway> {
  let server = shared.servers.get(kind);
  if (!server) {
    const started = Date.now();
    // One second try: a server that fails to start once on a loaded CI machine (seen once for Swift,
    // with an empty log) must not fail the whole run; the first failure is printed, not hidden.
    server = startServer(kind)
      .catch((error: unknown) => {
        process.stderr.write(`${kind}: start failed, trying once more:\n${String(error)}\n`);
        return startServer(kind);
      })
      .then((g) => {
        process.stderr.write(`${kind}: ${g.endpoint} up in ${Date.now() - started} ms\n`);
        return g;
      });
    // A server nobody awaits yet must not become an unhandled rejection; its user sees the error.
    server.catch(() => undefined);
    shared.servers.set(kind, server);
  }
  return server;
}

/**
 * Starts the project's throwaway server for the whole run (Ceph RADOS Gateway for `ceph`, Swift + s3api
 * for `swift`), or uses the one named by the FERRY_GATEWAY_* / FERRY_SWIFT_* variables that
 * `npm run sandbox [-- swift]` prints, and stops what it started by PID at the end.
 */
export async function setup(project: TestProject): Promise<void> {
  let shared = scope[sharedKey];
  if (!shared) {
    // Every temporary folder of the run (the tests', the servers', Chromium's) lands in one, removed at
    // the end: the test workers inherit TMPDIR. Left in /tmp, a run's folders took about 1 GB.
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'ferry-test-run-'));
    // Others may pass through it (not list it): tests run the CLI as `nobody` in folders they hand over.
    chmodSync(runDir, 0o711);
    process.env['TMPDIR'] = runDir;
    shared = { runDir, users: 0, servers: new Map() };
    scope[sharedKey] = shared;
  }
  shared.users++;
  const kind = kindOf(project);

  // The setups run one after the other; the first one starts the other project's server as well (when
  // that project is part of this run), so both come up at the same time.
  const names = new Set(project.vitest.projects.map((p) => p.name));
  for (const other of KINDS) {
    if (other !== kind && names.has(other) && !fromEnv(other)) void start(shared, other);
  }

  const given = fromEnv(kind);
  if (given) project.provide('gateway', given);
  else {
    const g = await start(shared, kind);
    const { endpoint, accessKey, secretKey, region } = g;
    project.provide('gateway', { kind, endpoint, accessKey, secretKey, region });
  }
  // sync between two servers: the other project's server, when this run has both.
  const other = KINDS.find((k) => k !== kind && names.has(k));
  const peer = other && (fromEnv(other) ?? (await start(shared, other).catch(() => undefined)));
  project.provide(
    'peer',
    peer && other
      ? {
          kind: other,
          endpoint: peer.endpoint,
          accessKey: peer.accessKey,
          secretKey: peer.secretKey,
          region: peer.region,
        }
      : undefined,
  );
}

export async function teardown(): Promise<void> {
  const shared = scope[sharedKey];
  if (!shared || --shared.users > 0) return;
  // The last one out stops every server of the run, including one started for a project that then
  // had nothing to run.
  await Promise.all(
    [...shared.servers.values()].map((server) =>
      server.then(
        (g) => g.stop(),
        () => undefined,
      ),
    ),
  );
  rmSync(shared.runDir, { recursive: true, force: true });
  delete scope[sharedKey];
}
