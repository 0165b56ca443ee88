/**
 * The checks certificates.ParseCSR and CheckSignature make of a CSR's spec.request: a PEM
 * `CERTIFICATE REQUEST` block holding a PKCS#10 structure whose signature verifies with the
 * public key it carries. Node cannot parse CSRs, so the DER is walked here just far enough to
 * find the signed bytes, the key, the algorithm and the signature, and node:crypto verifies.
 * The reasons are Go's error texts, which kube-apiserver prints as the detail.
 */
import { X509Certificate, createPublicKey, verify } from 'node:crypto';

/** One decoded PEM block (encoding/pem's Block, headers left out). */
interface PemBlock {
  type: string;
  bytes: Buffer;
}

const PEM_BLOCK = /-----BEGIN ([^\r\n]*?)-----\r?\n([\s\S]*?)-----END \1-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/=\s]*$/;

/** The PEM blocks of a text in order, skipping malformed ones as pem.Decode does. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const [, type, body] = match;
    const lines = body.split(/\r?\n/);
    const blank = lines.findIndex((line) => line.trim() === '');
    const hasHeaders = lines[0]?.includes(':') ?? false;
    if (hasHeaders && blank < 0) continue;
    const encoded = (hasHeaders ? lines.slice(blank + 1) : lines).join('');
    if (!BASE64_BODY.test(encoded) || encoded.replace(/\s/g, '').length % 4 !== 0) continue;
    blocks.push({ type, bytes: Buffer.from(encoded, 'base64') });
  }
  return blocks;
}

/** A DER element: its tag byte, where its content starts and ends, and where the whole element starts. */
interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

class Asn1Error extends Error {}

function readTlv(der: Buffer, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Asn1Error('asn1: syntax error: data truncated');
  const tag = der[at];
  let length = der[at + 1];
  let contentStart = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > limit) throw new Asn1Error('asn1: syntax error: data truncated');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[contentStart + i];
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new Asn1Error('asn1: syntax error: data truncated');
  return { tag, start: at, contentStart, end };
}

const FIELD_PARAMETERS =
  '{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}';

/** encoding/asn1's mismatch report: expected tag, the tag and length found, the Go type being filled, and the offset. */
function expectTag(tlv: Tlv, tag: number, goType: string): Tlv {
  if (tlv.tag === tag) return tlv;
  const found = `{class:${tlv.tag >> 6} tag:${tlv.tag & 0x1f} length:${tlv.end - tlv.contentStart} isCompound:${Boolean(tlv.tag & 0x20)}}`;
  throw new Asn1Error(`asn1: structure error: tags don't match (${tag & 0x1f} vs ${found}) ${FIELD_PARAMETERS} ${goType} @${tlv.contentStart}`);
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const items: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const item = readTlv(der, at, parent.end);
    items.push(item);
    at = item.end;
  }
  return items;
}

function decodeOid(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OID = 0x06;

/** The signature algorithms Go's x509 verifies for CSRs: digest (null for Ed25519) and key family. */
const ALGORITHMS: Record<string, { digest: string | null; family: 'rsa' | 'ecdsa' | 'ed25519' }> = {
  '1.2.840.113549.1.1.5': { digest: 'sha1', family: 'rsa' },
  '1.2.840.113549.1.1.11': { digest: 'sha256', family: 'rsa' },
  '1.2.840.113549.1.1.12': { digest: 'sha384', family: 'rsa' },
  '1.2.840.113549.1.1.13': { digest: 'sha512', family: 'rsa' },
  '1.2.840.10045.4.1': { digest: 'sha1', family: 'ecdsa' },
  '1.2.840.10045.4.3.2': { digest: 'sha256', family: 'ecdsa' },
  '1.2.840.10045.4.3.3': { digest: 'sha384', family: 'ecdsa' },
  '1.2.840.10045.4.3.4': { digest: 'sha512', family: 'ecdsa' },
  '1.3.101.112': { digest: null, family: 'ed25519' },
};

const VERIFICATION_FAILURE = { rsa: 'crypto/rsa: verification error', ecdsa: 'x509: ECDSA verification failure', ed25519: 'x509: Ed25519 verification failure' };

function checkSignature(der: Buffer): string | undefined {
  const outer = expectTag(readTlv(der, 0, der.length), SEQUENCE, 'certificateRequest');
  if (outer.end !== der.length) return 'asn1: syntax error: trailing data';
  const [info, algorithm, signature] = children(der, outer);
  if (!info || !algorithm || !signature) return 'asn1: syntax error: sequence truncated';
  expectTag(info, SEQUENCE, 'tbsCertificateRequest');
  const [version, subject, publicKeyInfo] = children(der, info);
  if (!version || !subject || !publicKeyInfo) return 'asn1: syntax error: sequence truncated';
  expectTag(version, INTEGER, 'int');
  expectTag(publicKeyInfo, SEQUENCE, 'publicKeyInfo');
  const [oid] = children(der, expectTag(algorithm, SEQUENCE, 'AlgorithmIdentifier'));
  if (!oid) return 'asn1: syntax error: sequence truncated';
  expectTag(oid, OID, 'ObjectIdentifier');
  expectTag(signature, BIT_STRING, 'BitString');
  const known = ALGORITHMS[decodeOid(der.subarray(oid.contentStart, oid.end))];
  if (!known) return 'x509: cannot verify signature: algorithm unimplemented';
  let key;
  try {
    key = createPublicKey({ key: der.subarray(publicKeyInfo.start, publicKeyInfo.end), format: 'der', type: 'spki' });
  } catch {
    return 'x509: failed to parse public key';
  }
  const signed = der.subarray(info.start, info.end);
  const signatureBytes = der.subarray(signature.contentStart + 1, signature.end);
  try {
    if (verify(known.digest, signed, key, signatureBytes)) return undefined;
  } catch {
    return VERIFICATION_FAILURE[known.family];
  }
  return VERIFICATION_FAILURE[known.family];
}

/** Why kube-apiserver refuses a CSR's request bytes (the PEM text), or undefined when it parses and its signature verifies. */
export function csrRequestError(request: Buffer): string | undefined {
  const block = pemBlocks(request.toString('latin1'))[0];
  if (!block || block.type !== 'CERTIFICATE REQUEST') return 'PEM block type must be CERTIFICATE REQUEST';
  try {
    return checkSignature(block.bytes);
  } catch (error) {
    if (error instanceof Asn1Error) return error.message;
    throw error;
  }
}

function parsesAsCertificate(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    return false;
  }
}

/** Why status.certificate is refused (validateCertificate): PEM CERTIFICATE blocks only, at least one. */
export function certificateChainError(pem: Buffer): string | undefined {
  if (pem.length === 0) return undefined;
  const blocks = pemBlocks(pem.toString('latin1'));
  if (blocks.length === 0) return 'must contain at least one CERTIFICATE PEM block';
  for (const block of blocks) {
    if (block.type !== 'CERTIFICATE') return `only CERTIFICATE PEM blocks are allowed, found ${JSON.stringify(block.type)}`;
    if (!parsesAsCertificate(block.bytes)) return 'x509: malformed certificate';
  }
  return undefined;
}

/** `[]byte{0x2d, 0x2d}` as Go's %#v prints a byte slice; `[]byte(nil)` when the field was absent. */
export function goBytes(bytes: Buffer | undefined): string {
  if (!bytes) return '[]byte(nil)';
  return `[]byte{${[...bytes].map((b) => `0x${b.toString(16)}`).join(', ')}}`;
}
