/**
 * The position of the bracket that takes valid JSON `text` deeper than `maxDepth`, or -1.
 * Valid JSON of depth d is at least 2d characters long, so short texts are not scanned.
 */
export function jsonDepthExceededAt(text: string, maxDepth: number): number {
  if (text.length <= maxDepth * 2) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > maxDepth) return i;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--;
  }
  return -1;
}
