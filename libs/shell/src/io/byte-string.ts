/**
 * Byte strings: the shell carries all data (files, stdin, stdout, pipes) as
 * strings of one char per byte (char codes 0–255), so a tar archive or a gzip
 * stream passes through `cat`, pipes and files unchanged, and `wc -c` counts
 * bytes. UTF-8 text becomes bytes where it enters (argv, env, image files) and
 * bytes become a Uint8Array where they leave (ProcessHost, sessions).
 */

const NON_ASCII = /[\u0080-\uffff]/;
/** Large enough to be fast, small enough for `String.fromCharCode(...chunk)` to stay within the stack. */
const CHUNK = 8192;

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text`, as a byte string. */
export function encodeUtf8(text: string): string {
  return !NON_ASCII.test(text) ? text : fromUint8Array(encoder.encode(text));
}

/** The text whose UTF-8 bytes `bytes` holds; invalid sequences become U+FFFD. */
export function decodeUtf8(bytes: string): string {
  return !NON_ASCII.test(bytes) ? bytes : new TextDecoder().decode(toUint8Array(bytes));
}

/** A byte string as a Uint8Array (char codes above 255 keep their low byte). */
export function toUint8Array(bytes: string): Uint8Array {
  const array = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
  return array;
}

/** A Uint8Array as a byte string. */
export function fromUint8Array(array: Uint8Array): string {
  let bytes = '';
  for (let i = 0; i < array.length; i += CHUNK) bytes += String.fromCharCode(...array.subarray(i, i + CHUNK));
  return bytes;
}

/** Encodes every key and value of a text record (env, image files). */
export function encodeRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const encoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) encoded[encodeUtf8(key)] = encodeUtf8(value);
  return encoded;
}
