/** Number formatting shared by the markdown and SVG renderers. */

/** A duration in ms as "812 µs", "12.3 ms" or "4.56 s" (3 significant digits). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

/** A ratio as "0.42x", "3.1x" or "120x" (3 significant digits, at most 2 decimals). */
export function formatRatio(ratio: number): string {
  if (ratio >= 100) return `${ratio.toFixed(0)}x`;
  return `${Number(ratio.toPrecision(3)).toString()}x`;
}

/** A throughput value with 3 significant digits. */
export function formatThroughput(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/** Whether a row is one of posenc's own contenders (coloured apart in the chart). */
export function isPosenc(name: string): boolean {
  // attention-gpu's own bench prefixes its rows with "prefill" or "decode".
  return /^(?:(?:prefill|decode) )?(applyRope|attentionCpu|attentionReference|posenc|flash|naive|decode|split-K)\b/
    .test(name);
}
