/**
 * Field paths spelled as k8s.io/apimachinery's field.Path prints them
 * (`spec.containers[0].resources.limits[cpu]`), so errors point where Kubernetes points.
 */

/** `parent.name`. */
export function child(parent: string, ...names: string[]): string {
  return [parent, ...names].filter((part) => part !== '').join('.');
}

/** `parent[i]`. */
export function index(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

/** `parent[key]` (map keys are printed bare). */
export function key(parent: string, k: string): string {
  return `${parent}[${k}]`;
}
