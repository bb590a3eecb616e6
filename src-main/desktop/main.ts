// Electron's entry point (package.json "main" → dist/main/desktop.js).
import { startDesktop } from './app.js';

startDesktop().catch((error: unknown) => {
  process.stderr.write(`Ferry failed to start: ${String(error)}\n`);
  process.exit(1);
});
