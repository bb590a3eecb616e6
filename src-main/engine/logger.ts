/** Where the engine writes what it does. The engine never calls `console`; each face supplies one. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The engine's notion of time, injectable so tests control it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

const SECRET_FIELD = /secret|password|token|credential|authorization|signature/i;

/**
 * Replaces the value of any field whose name looks secret, so a careless `fields` object cannot leak a key
 * into a log file. Faces call this before writing.
 */
export function redactFields(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_FIELD.test(key) ? '[redacted]' : value;
  }
  return out;
}

/** A logger that writes one line per entry to a sink, at or above a level. */
export function lineLogger(
  write: (line: string) => void,
  level: 'debug' | 'info' | 'warn' | 'error' = 'info',
): Logger {
  const order = ['debug', 'info', 'warn', 'error'] as const;
  const min = order.indexOf(level);
  const emit =
    (lvl: (typeof order)[number]) => (message: string, fields?: Record<string, unknown>) => {
      if (order.indexOf(lvl) < min) return;
      const extra = redactFields(fields);
      const tail = Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : '';
      write(`${new Date().toISOString()} ${lvl} ${message}${tail}`);
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
