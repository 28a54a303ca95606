const END_OF_INPUT = 'Unexpected end of JSON input';

/** Whether `text` is valid JSON or only fails because it ends too early. */
function validSoFar(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    if (message === END_OF_INPUT) return true;
    const stated = /at position (\d+)/.exec(message);
    return stated !== null && Number(stated[1]) >= text.length;
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
    if (validSoFar(text.slice(0, middle))) valid = middle;
    else invalid = middle;
  }
  return { position: valid, message: cleaned };
}
