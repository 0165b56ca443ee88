/**
 * The `is…()` half of the library's parse functions (isIP, isCIDR, isURL, isQuantity): true
 * exactly when the conversion would not result in an error.
 */

/** Whether `convert` returns instead of throwing. */
export function succeeds(convert: () => unknown): boolean {
  try {
    convert();
    return true;
  } catch {
    return false;
  }
}
