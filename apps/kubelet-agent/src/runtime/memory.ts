/** Memory quantities in MiB, for the emulated memory accounting (limits, node pressure). */

const units: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024, k: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576 };

/** A memory quantity in MiB (undefined when not set). */
export function memoryMiB(quantity: string | number | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i|[kMG])?$/.exec(String(quantity));
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? units[m[2]] : 1 / 1048576);
}
