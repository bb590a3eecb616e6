import { execFile } from 'node:child_process';
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
