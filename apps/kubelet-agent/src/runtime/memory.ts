/** Memory quantities in MiB, for the emulated memory accounting (limits, node pressure). */
import { parseQuantity } from '@kubelab/api';

/** A memory quantity ("256Mi", "1G", 1048576) in MiB; undefined when unset or unreadable. */
export function memoryMiB(quantity: string | number | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  try {
    return parseQuantity(quantity) / 1048576;
  } catch {
    return undefined;
  }
}
