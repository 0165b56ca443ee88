/**
 * kube-apiserver's wording for request bodies it cannot decode, so kubectl
 * prints exactly what it prints against a real cluster, e.g.
 * `Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].readinessprobe"`.
 */

/** The BadRequest message for a body that failed to decode (`detail` is Go's error text). */
export function decodeErrorMessage(kind: string, version: string, detail: string): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${detail}`;
}

/** The BadRequest message for unknown fields under fieldValidation=Strict. */
export function strictDecodingMessage(kind: string, version: string, unknownFields: readonly string[]): string {
  return decodeErrorMessage(kind, version, `strict decoding error: ${unknownFieldWarnings(unknownFields).join(', ')}`);
}

/** One `Warning` header text per unknown field, as sent under fieldValidation=Warn. */
export function unknownFieldWarnings(unknownFields: readonly string[]): string[] {
  return unknownFields.map((path) => `unknown field ${JSON.stringify(path)}`);
}
