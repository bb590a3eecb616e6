import { findObjects } from '../../engine/browse/find.js';
import { resolveProfileId } from '../connection.js';
import { expectArgs, parseS3Url } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE = 'ferry find s3://bucket[/prefix] PATTERN [--json]';

/** `ferry find`: objects under a prefix whose name matches, printed as the listing finds them. */
export const find: CliCommand = {
  name: 'find',
  summary: 'find objects by name (substring, or a glob with * ? **) anywhere under a prefix',
  usage: `${USAGE}

A pattern without glob characters matches part of a name, ignoring case (report finds Q3-Report.pdf);
*, ? and ** make it a glob (*.jpg, 2024-??-*.csv, raw/**/*.dng). A pattern with a slash is matched
against the path below the prefix, one without against the object's name. --json prints one JSON object
per line as each is found.`,
  options: {},
  async run({ io, engine, flags, positionals }) {
    expectArgs(positionals, 2, USAGE);
    const { bucket, key: prefix } = parseS3Url(positionals[0]!, 'bucketOrFolder');
    const pattern = positionals[1]!;
    const profileId = await resolveProfileId(engine, flags, io.env);
    const endpoint = engine.profiles.get(profileId).endpoint;
    const client = await engine.profiles.client(profileId);
    let found = 0;
    let scanned = 0;
    for await (const page of findObjects(client, { bucket, prefix, pattern, endpoint })) {
      scanned += page.scanned;
      for (const entry of page.matches) {
        found += 1;
        io.out(flags.json ? JSON.stringify(entry) : entry.key);
      }
    }
    if (!flags.json)
      io.err(`${found} found among ${scanned} objects under s3://${bucket}/${prefix}`);
    return 0;
  },
};
