/** UTF-8 byte length, as Go's len() of a string counts it; plain ASCII (nearly every name) is counted without encoding it. */
const encoder = new TextEncoder();

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
  return isAscii(text) ? text.length : encoder.encode(text).length;
}
