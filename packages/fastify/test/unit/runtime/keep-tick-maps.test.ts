import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The states V8 reports for the four property definitions of Node's tick-record literal
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }` in nextTick).
 */
function tickLiteralStates(mode: 'plain' | 'app'): string[] {
  const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', join(__dirname, '../../fixtures/tick-map-churn.js'), mode], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return [...output.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1]!);
}

describe('keeping the tick record maps alive', () => {
  it('without Trellis, idle full GCs turn nextTick’s literal caches megamorphic (the failure this guards against)', () => {
    expect(tickLiteralStates('plain')).toEqual(['MONOMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC']);
  });

  it('once an app exists, the same churn leaves them monomorphic', () => {
    expect(tickLiteralStates('app')).toEqual(['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC']);
  });
});
