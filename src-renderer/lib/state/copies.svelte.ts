import type { CopyJob } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** Server-side copies and moves (pastes, drags) with their progress, newest first. */
export class CopiesState {
  jobs = $state.raw<CopyJob[]>([]);
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;
  /** Called once when a job ends (done, failed or cancelled). */
  onended: (job: CopyJob) => void = () => {};

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('copies.changed', ({ job }) => {
      const at = this.jobs.findIndex((j) => j.id === job.id);
      const was = at === -1 ? undefined : this.jobs[at];
      const next = at === -1 ? [job, ...this.jobs] : this.jobs.slice();
      if (at !== -1) next[at] = job;
      this.jobs = next;
      if (job.state !== 'running' && was?.state !== job.state) this.onended(job);
    });
  }

  get running(): number {
    return this.jobs.filter((j) => j.state === 'running').length;
  }

  async load(): Promise<void> {
    const result = await this.#client.invoke('copies.list', {});
    if (result.ok) this.jobs = result.value;
  }

  async cancel(id: string): Promise<void> {
    try {
      await this.#client.call('copies.cancel', { id });
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  async clear(): Promise<void> {
    try {
      await this.#client.call('copies.clear', {});
      this.jobs = this.jobs.filter((j) => j.state === 'running');
    } catch (error) {
      this.error = toErrorData(error);
    }
  }
}
