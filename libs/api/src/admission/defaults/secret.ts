/**
 * Secret defaults and conversion as kube-apiserver applies them on every write:
 * `type` Opaque when unset, and `stringData` merged into `data` (base64, stringData
 * winning on a shared key) and dropped, so it is never stored or returned.
 */
import { isPlainObject } from '../../object.js';
import type { Secret } from '../../typed-objects.js';

/** Fills a Secret's type and turns its stringData into data, in place. */
export function defaultSecret(secret: Secret): void {
  if (!secret.type) secret.type = 'Opaque';
  if (!isPlainObject(secret.stringData)) return;
  const data: Record<string, string> = isPlainObject(secret.data) ? { ...secret.data } : {};
  for (const [key, value] of Object.entries(secret.stringData)) data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  secret.data = data;
  delete secret.stringData;
}
