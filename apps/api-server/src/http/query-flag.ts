/**
 * A boolean query parameter as kube-apiserver reads one (apimachinery's
 * Convert_Slice_string_To_bool): present means true unless it is "0" or "false" in
 * any case, so `watch=True` (the Python client's spelling) and `watch=1` both watch.
 */
export function queryFlag(value: string | undefined): boolean {
  return value !== undefined && value !== '0' && value.toLowerCase() !== 'false';
}
