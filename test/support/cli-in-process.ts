import { main } from '../../src-main/cli/main.js';
import type { Io } from '../../src-main/cli/io.js';
import { gatewayEnv } from './s3.js';

/**
 * Runs `ferry ARGS` in this process, on the test gateway's environment with its own config dir: the same
 * code as the built command without the cost of starting Node for each call.
 */
export async function ferryInProcess(
  args: string[],
  configDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
    env: { ...gatewayEnv(), FERRY_CONFIG_DIR: configDir, HOME: configDir },
    isTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
