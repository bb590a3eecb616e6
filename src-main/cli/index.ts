import { formatError, processIo, toErrorData } from './io.js';
import { main } from './main.js';

// The `ferry` executable. Exit codes: 0 success, 1 failure, 2 usage error.

// The SDK warns on every run that future releases need Node 22; that is noise on a user's terminal.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
// A reader that stops early (`ferry ls | head`) closes the pipe: stop quietly with the exit status of a Unix
// tool ended by SIGPIPE (128 + 13), not a stack trace. A transfer cut short this way resumes from its journal.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
}
main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // main answers every failure itself; one that escapes it is a bug, said as the catalogue says those.
    process.stderr.write(`${formatError(toErrorData(error))}\n`);
    process.exitCode = 1;
  },
);
