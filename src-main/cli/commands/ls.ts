import { resolveProfileId } from '../connection.js';
import { usageError } from '../io.js';
import type { CliCommand } from './command.js';

/** `ferry ls`: list buckets. */
export const ls: CliCommand = {
  name: 'ls',
  summary: 'list buckets',
  usage: 'ferry ls [--json]',
  options: {},
  async run({ io, engine, flags, positionals }) {
    if (positionals.length > 0) {
      throw usageError(
        `Unexpected argument "${positionals[0]}".`,
        'Run `ferry ls` with no arguments to list buckets.',
      );
    }
    const profileId = await resolveProfileId(engine, flags, io.env);
    const handlers = engine.handlers();
    const buckets = await handlers['buckets.list']({ profileId });
    if (flags.json) {
      io.out(JSON.stringify(buckets));
      return 0;
    }
    for (const bucket of buckets) {
      const date = bucket.createdAt
        ? bucket.createdAt.slice(0, 19).replace('T', ' ')
        : ''.padEnd(19);
      io.out(`${date}  ${bucket.name}`);
    }
    return 0;
  },
};
