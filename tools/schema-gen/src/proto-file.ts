/**
 * Reads the subset of proto2 that go-to-protobuf writes into Kubernetes'
 * generated.proto files: one package, top-level messages, and fields that
 * are `optional`, `repeated` or `map<string, T>`. Anything else in a
 * message (nested types, oneof, enums) is refused, so a new construct
 * upstream fails the generator instead of being silently mistranslated.
 */

/** One field as declared. */
export interface ProtoFieldDeclaration {
  name: string;
  number: number;
  label: 'optional' | 'repeated' | 'map';
  /** Scalar name, or a message name fully qualified without the leading dot. */
  type: string;
}

/** One message as declared. */
export interface ProtoMessageDeclaration {
  name: string;
  fields: ProtoFieldDeclaration[];
}

/** A parsed generated.proto. */
export interface ProtoFile {
  package: string;
  messages: ProtoMessageDeclaration[];
}

const scalars = new Set(['string', 'bytes', 'bool', 'int32', 'int64']);
const fieldPattern = /^(optional|repeated)\s+([.\w]+)\s+(\w+)\s*=\s*(\d+)\s*;$/;
const mapPattern = /^map<\s*string\s*,\s*([.\w]+)\s*>\s+(\w+)\s*=\s*(\d+)\s*;$/;

/** Parses the text of one generated.proto; `file` names it in errors. */
export function parseProtoFile(text: string, file: string): ProtoFile {
  const lines = withoutComments(text).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let pkg = '';
  const messages: ProtoMessageDeclaration[] = [];
  let current: ProtoMessageDeclaration | undefined;
  lines.forEach((line, index) => {
    const where = `${file}: "${line}" (statement ${index + 1})`;
    const packageMatch = /^package\s+([\w.]+)\s*;$/.exec(line);
    if (packageMatch) pkg = packageMatch[1];
    else if (/^(syntax|import|option)\b/.test(line)) return;
    else if (!current) {
      const message = /^message\s+(\w+)\s*\{$/.exec(line);
      if (!message) throw new Error(`unexpected outside a message: ${where}`);
      current = { name: message[1], fields: [] };
    } else if (line === '}') {
      messages.push(current);
      current = undefined;
    } else {
      current.fields.push(parseField(line, pkg, where));
    }
  });
  if (!pkg) throw new Error(`${file}: no package statement`);
  if (current) throw new Error(`${file}: message ${current.name} is not closed`);
  return { package: pkg, messages };
}

function parseField(line: string, pkg: string, where: string): ProtoFieldDeclaration {
  const field = fieldPattern.exec(line);
  if (field) return { name: field[3], number: Number(field[4]), label: field[1] as 'optional' | 'repeated', type: qualify(field[2], pkg) };
  const map = mapPattern.exec(line);
  if (map) return { name: map[2], number: Number(map[3]), label: 'map', type: qualify(map[1], pkg) };
  throw new Error(`unsupported field declaration: ${where}`);
}

/** `.k8s.io.api.core.v1.PodSpec` and `PodSpec` (in package k8s.io.api.core.v1) both become `k8s.io.api.core.v1.PodSpec`. */
function qualify(type: string, pkg: string): string {
  if (scalars.has(type)) return type;
  if (type.startsWith('.')) return type.slice(1);
  if (type.includes('.')) throw new Error(`partly qualified type ${type} in package ${pkg}`);
  return `${pkg}.${type}`;
}

/** Removes `//` line comments and `/* *\/` blocks (the licence header). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}
