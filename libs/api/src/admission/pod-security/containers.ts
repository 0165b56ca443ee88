/** Which containers a Pod Security check looks at (pod-security-admission's policy/visitor.go). */

/** visitContainers: init containers, then containers, then ephemeral containers. */
export function containersOf(spec: any): any[] {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])].filter((c) => c !== null && typeof c === 'object');
}

/** A pod that says it runs on Windows: the restricted checks Windows cannot honour let it pass. */
export function isWindowsPod(spec: any): boolean {
  return spec?.os?.name === 'windows';
}
