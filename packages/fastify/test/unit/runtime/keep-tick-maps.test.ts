import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The states V8 reports for the four property definitions of Node's tick-record literal
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }` in nextTick),
 * after bursts of ticks separated by full GCs (see the fixture).
 */
function tickLiteralStates(mode: 'plain' | 'keep'): { states: string[]; output: string } {
  const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', join(__dirname, '../../fixtures/tick-map-churn.js'), mode], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { states: [...output.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1]!), output };
}

describe('keeping the tick record maps alive (what createApp() does first)', () => {
  it('without it, idle full GCs turn nextTick’s literal caches megamorphic: the failure this guards against', () => {
    const { states, output } = tickLiteralStates('plain');
    expect({ states, output: states.length === 4 ? '' : output }).toEqual({ states: ['MONOMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC'], output: '' });
  });

  it('with it, the same churn leaves them monomorphic', () => {
    const { states, output } = tickLiteralStates('keep');
    expect({ states, output: states.length === 4 ? '' : output }).toEqual({ states: ['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC'], output: '' });
  });
});
