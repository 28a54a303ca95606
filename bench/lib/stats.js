'use strict';
/** Summaries of repeated measurements: min / median / max and the run-to-run spread. */

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * `spread` = (max − min) / median: how far apart the repetitions landed, relative to the
 * reported value (0.05 = the worst and best run are 5% of the median apart).
 * Non-finite values (a failed read of /proc, say) are left out.
 */
function summarize(values) {
  const xs = values.filter(Number.isFinite);
  if (xs.length === 0) return { min: NaN, median: NaN, max: NaN, spread: NaN, n: 0 };
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const mid = median(xs);
  return { min, median: mid, max, spread: mid > 0 ? (max - min) / mid : NaN, n: xs.length };
}

module.exports = { median, summarize };
