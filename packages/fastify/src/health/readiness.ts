import type { TrellisApp } from '../app';
import type { HealthCheck } from './health-options';

/** What one readiness check came to. */
export type CheckOutcome = 'ok' | 'fail' | 'timeout';

/** What the readiness route answers: its status and body. */
export interface ReadinessAnswer {
  readonly status: 200 | 503;
  readonly body: { readonly status: string; readonly checks?: Readonly<Record<string, CheckOutcome>> };
}

const SHUTTING_DOWN: ReadinessAnswer = { status: 503, body: { status: 'shutting down' } };

/**
 * The app's readiness: false from the moment `close()` begins (set synchronously, before
 * Fastify stops accepting), else the outcome of the named checks, run concurrently.
 */
export class Readiness {
  private draining = false;
  private readonly entries: readonly (readonly [string, HealthCheck])[];

  constructor(
    checks: Readonly<Record<string, HealthCheck>>,
    private readonly timeoutMs: number,
    private readonly onFailure: (name: string, error: unknown) => void,
  ) {
    this.entries = Object.entries(checks);
  }

  /** Called first thing in `close()`: every later readiness request answers 503. */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async answer(app: TrellisApp): Promise<ReadinessAnswer> {
    if (this.draining) return SHUTTING_DOWN;
    const outcomes = await Promise.all(this.entries.map(([name, check]) => this.run(name, check, app)));
    // close() may have begun while the checks ran.
    if (this.draining) return SHUTTING_DOWN;
    const checks = Object.fromEntries(this.entries.map(([name], index) => [name, outcomes[index]!]));
    const ready = outcomes.every((outcome) => outcome === 'ok');
    return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'unavailable', checks } };
  }

  private async run(name: string, check: HealthCheck, app: TrellisApp): Promise<CheckOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckOutcome>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.timeoutMs)));
    const outcome = (async (): Promise<CheckOutcome> => {
      try {
        return (await check(app)) === false ? 'fail' : 'ok';
      } catch (error) {
        this.onFailure(name, error);
        return 'fail';
      }
    })();
    try {
      return await Promise.race([outcome, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
