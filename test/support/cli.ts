import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gatewayEnv } from './s3.js';

/** The built `ferry` command, as a user runs it. */
export const ferryBin = fileURLToPath(new URL('../../bin/ferry', import.meta.url));

/** Runs `ferry ARGS` on the test gateway's environment with its own config dir; never rejects. */
export function runFerry(
  args: string[],
  configDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      ferryBin,
      args,
      { env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** A long-running `ferry` (watch, sync) started as a user would, with its output gathered as it comes. */
export interface CliProcess {
  out(): string;
  err(): string;
  /** Resolves once stdout (or stderr) matches, by watching the output arrive; rejects if ferry exits first. */
  line(pattern: RegExp, stream?: 'out' | 'err'): Promise<void>;
  /** The exit code, or null while it runs. */
  code(): number | null;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `bin/ferry` with `args` against the test gateway, its config in `configDir`. */
export function startCli(args: string[], configDir: string): CliProcess {
  const child = spawn(ferryBin, args, {
    env: {
      PATH: process.env['PATH'] ?? '',
      FERRY_CONFIG_DIR: configDir,
      HOME: configDir,
      ...gatewayEnv(),
    },
  });
  let out = '';
  let err = '';
  let code: number | null = null;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  child.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), changed()));
  child.stderr.on('data', (chunk: Buffer) => ((err += chunk.toString()), changed()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (c, signal) => {
      code = c ?? (signal ? 128 : null);
      changed();
      resolve(code);
    }),
  );
  return {
    out: () => out,
    err: () => err,
    code: () => code,
    exited,
    line(pattern, stream = 'out') {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(stream === 'out' ? out : err)) {
            listeners.delete(check);
            resolve();
          } else if (code !== null) {
            listeners.delete(check);
            reject(new Error(`ferry exited ${code} before ${pattern}:\n${out}\n${err}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT') {
      if (code === null) child.kill(signal);
      return exited;
    },
  };
}
