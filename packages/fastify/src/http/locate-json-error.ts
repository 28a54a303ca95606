const END_OF_INPUT = 'Unexpected end of JSON input';

function parseError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Where a JSON text stops being valid, and the parser's message without the echo of the
 * whole input. V8 gives a position for some errors only ("Unexpected token 'x', "…" is not
 * valid JSON" has none), so the position is found by bisecting prefixes: a prefix that
 * fails only because it ends early is valid so far. Runs on the error path only.
 */
export function locateJsonError(text: string, message: string): { readonly position: number; readonly message: string } {
  const cleaned = message.replace(/, ".*" is not valid JSON$/s, '');
  const stated = /at position (\d+)/.exec(message);
  if (stated) return { position: Number(stated[1]), message: cleaned };
  if (message === END_OF_INPUT) return { position: text.length, message: cleaned };
  let valid = 0;
  let invalid = text.length;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    const failure = parseError(text.slice(0, middle));
    if (failure === undefined || failure === END_OF_INPUT) valid = middle;
    else invalid = middle;
  }
  return { position: valid, message: cleaned };
}
