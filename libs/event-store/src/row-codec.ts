/**
 * How an object's JSON text is stored in the log (events.data, and objects.data, which the
 * projection copies from it). A pod lifecycle wrote about 40 KiB of JSON, most of it the
 * same keys, managedFields and statuses again and again; deflated against a preset
 * dictionary of such objects a row keeps about a tenth of that, and it still stands alone:
 * reading one needs no other row, so ranges, compaction and replay work as before.
 *
 * Stored forms, told apart by their first characters (JSON text always starts with `{`):
 * - the JSON text itself: every row of a log from before these formats, and rows deflate
 *   would not shorten;
 * - a prefix naming the dictionary (`zp:` Pods, `ze:` Events, `zw:` every other kind: see
 *   row-dictionary.ts), then the raw deflate stream (RFC 1951) in base64 without padding: a
 *   text column, as SQLite and PostgreSQL both store it.
 *
 * Exact by construction: deflate is lossless over the UTF-8 bytes, so every reader gets
 * back the very text that was appended.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { eventDictionary, podDictionary, workloadDictionary } from './row-dictionary.js';

/** Each stored prefix and its dictionary. Frozen: a new dictionary gets a new prefix. */
const dictionaries: Record<string, Buffer> = { 'zp:': podDictionary, 'ze:': eventDictionary, 'zw:': workloadDictionary };
const prefixLength = 3;

/** The prefix whose dictionary suits objects of this kind. */
function prefixFor(kind: string): string {
  if (kind === 'Pod') return 'zp:';
  if (kind === 'Event') return 'ze:';
  return 'zw:';
}

/**
 * The stored form of one object's JSON text (a text in stored form already is given back as it
 * is): deflated when that is shorter. Synchronous on
 * purpose: a row takes about as long as JSON.parse and JSON.stringify of it, and zlib's
 * asynchronous calls cost four times that in all (a stream per call, the threadpool's hand-offs).
 */
export function encodeRowData(kind: string, json: string): string {
  // Already in stored form: a kind the api-server's projection keeps so is encoded once, before it is appended.
  if (!json.startsWith('{')) return json;
  const prefix = prefixFor(kind);
  const packed = deflateRawSync(json, { dictionary: dictionaries[prefix] });
  const base64 = packed.toString('base64');
  const padding = (3 - (packed.length % 3)) % 3;
  const stored = prefix + base64.slice(0, base64.length - padding);
  return stored.length < json.length ? stored : json;
}

/** The JSON text a stored row holds, whichever form it was stored in; throws on a deflated row that does not inflate. */
export function decodeRowData(stored: string): string {
  const dictionary = stored.startsWith('{') ? undefined : dictionaries[stored.slice(0, prefixLength)];
  if (!dictionary) return stored;
  return inflateRawSync(Buffer.from(stored.slice(prefixLength), 'base64'), { dictionary }).toString('utf8');
}
