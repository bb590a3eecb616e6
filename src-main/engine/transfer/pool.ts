/**
 * The part scheduler: a few workers pulling items from one iterator, apart from what a worker does with an
 * item (the part writer). The first failure stops the others and is what the caller sees.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  signal: AbortSignal,
  worker: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const run = async () => {
    for (;;) {
      if (failure || controller.signal.aborted) return;
      const next = iterator.next();
      if (next.done) return;
      try {
        await worker(next.value, controller.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, run));
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (failure) throw signal.aborted ? signal.reason : failure.error;
  signal.throwIfAborted();
}
