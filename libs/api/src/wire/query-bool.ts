/**
 * A boolean query parameter (watch, allowWatchBookmarks, force, sendInitialEvents, follow,
 * previous, timestamps, insecureSkipTLSVerifyBackend…) read as kube-apiserver's query
 * decoder reads it (runtime.Convert_Slice_string_To_bool): absent, "0" or "false" in any
 * case is false; any other value, the empty one included, is true. So Python's `True`
 * and `watch=1` both watch, and nothing is refused.
 */

/** The parameter's value (undefined when absent) as kube-apiserver's boolean. */
export function queryBool(value: string | undefined): boolean {
  if (value === undefined) return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}
