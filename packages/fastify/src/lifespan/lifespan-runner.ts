import { startupError } from '../errors';
import type { RequestState } from '../request';
import type { LifecycleHook, Lifespan } from './lifespan';

const NO_STATE: RequestState = Object.freeze({});

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs `onStartup` hooks then the lifespan generator up to its `yield` on start, and the
 * reverse on stop: the generator's teardown, then `onShutdown` hooks. Teardown failures
 * are reported, never thrown, so every hook gets its turn.
 */
export class LifespanRunner<App> {
  /** What the lifespan yielded: the initial `request.state` of every request. */
  state: RequestState = NO_STATE;
  private generator: AsyncIterator<RequestState | void, unknown, undefined> | undefined;
  private started = false;

  constructor(
    private readonly lifespan: Lifespan<App> | undefined,
    private readonly onStartup: readonly LifecycleHook[] = [],
    private readonly onShutdown: readonly LifecycleHook[] = [],
  ) {}

  async start(app: App): Promise<void> {
    let stage = 'an onStartup hook';
    try {
      for (const hook of this.onStartup) {
        stage = `the onStartup hook ${hook.name || 'anonymous'}`;
        await hook();
      }
      if (this.lifespan) {
        stage = `the lifespan ${this.lifespan.name || 'anonymous'}`;
        const generator = this.lifespan(app);
        const first = await generator.next();
        if (first.done) throw new Error('the lifespan generator returned without yielding');
        this.generator = generator;
        if (first.value) this.state = first.value;
      }
    } catch (error) {
      throw startupError('TRELLIS_LIFESPAN_STARTUP', { stage, cause: messageOf(error) }, { cause: error });
    }
    this.started = true;
  }

  async stop(report: (error: unknown, stage: string) => void): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const generator = this.generator;
    this.generator = undefined;
    if (generator) {
      try {
        const after = await generator.next();
        if (!after.done) {
          report(new Error('the lifespan generator yielded more than once'), 'lifespan');
          await generator.return?.(undefined);
        }
      } catch (error) {
        report(error, 'lifespan');
      }
    }
    for (const hook of this.onShutdown) {
      try {
        await hook();
      } catch (error) {
        report(error, `onShutdown hook ${hook.name || 'anonymous'}`);
      }
    }
  }
}
