/**
 * Reads the Go structs of a Kubernetes API package for the facts generated.proto
 * does not keep: a field's JSON name, whether it is `omitempty`, whether it is a
 * pointer (Go writes non-pointer scalars to protobuf even when zero, pointers
 * only when set), and whether an embedded struct is `json:",inline"`. Also
 * whether a struct embeds TypeMeta (it is then a kind) and the package's group.
 */

/** One struct field that has a protobuf tag, or the embedded TypeMeta. */
export interface GoField {
  /** Empty for an embedded struct. */
  goName: string;
  goType: string;
  /** The name is Go's: the tag's, else the field's own; `-` is never in JSON. */
  json: { name: string; omitEmpty: boolean; inline: boolean };
  /** From `protobuf:"bytes,2,opt,name=volumeSource"`; some embedded structs carry no name (`bytes,1,req`). */
  protobuf?: { number: number; name?: string };
  /** From `patchStrategy:"merge,retainKeys" patchMergeKey:"name"`: how strategic merge patch treats the field. */
  patch?: { strategy: string; mergeKey?: string };
}

/** One struct type. */
export interface GoStruct {
  name: string;
  fields: GoField[];
  /** Embeds metav1.TypeMeta inline: a kind, sent with apiVersion and kind. */
  isKind: boolean;
}

/** The structs and the group of one Go package. */
export interface GoPackage {
  structs: Map<string, GoStruct>;
  /** Defined types of another package's struct, e.g. core/v1's `type List metav1.List`: name → `metav1.List`. */
  definedTypes: Map<string, string>;
  /** From `// +groupName=` in doc.go, if present. */
  groupName?: string;
}

const fieldLine = /^\s*(?:(\w+)\s+)?(\*?[\w.[\]*]+)\s+`([^`]*)`\s*(?:\/\/.*)?$/;

/** Reads every struct of the package's Go files (texts by file name). */
export function readGoPackage(files: ReadonlyMap<string, string>): GoPackage {
  const structs = new Map<string, GoStruct>();
  const definedTypes = new Map<string, string>();
  let groupName: string | undefined;
  for (const text of files.values()) {
    const group = /^\/\/ \+groupName=(\S*)$/m.exec(text);
    if (group) groupName = group[1];
    for (const struct of structsOf(text)) structs.set(struct.name, struct);
    for (const [, name, base] of text.matchAll(/^type (\w+) (\w+\.\w+)$/gm)) definedTypes.set(name, base);
  }
  return { structs, definedTypes, groupName };
}

function structsOf(text: string): GoStruct[] {
  const result: GoStruct[] = [];
  let current: GoStruct | undefined;
  for (const line of text.split('\n')) {
    const start = /^type (\w+) struct ?\{(\})?$/.exec(line);
    if (start?.[2]) result.push({ name: start[1], fields: [], isKind: false });
    else if (start) current = { name: start[1], fields: [], isKind: false };
    else if (current && line === '}') {
      result.push(current);
      current = undefined;
    } else if (current) {
      const field = parseFieldLine(line);
      if (field && !field.protobuf && field.goType.endsWith('TypeMeta') && field.json.inline) current.isKind = true;
      else if (field?.protobuf) current.fields.push(field);
    }
  }
  return result;
}

function parseFieldLine(line: string): GoField | undefined {
  const match = fieldLine.exec(line);
  if (!match) return undefined;
  const [, goName = '', goType, tags] = match;
  const json = /(?:^|\s)json:"([^"]*)"/.exec(tags)?.[1] ?? '';
  const [tagName, ...options] = json.split(',');
  const name = tagName || (options.includes('inline') ? '' : goName);
  const protobuf = /(?:^|\s)protobuf:"([^"]*)"/.exec(tags)?.[1];
  const patchStrategy = /(?:^|\s)patchStrategy:"([^"]*)"/.exec(tags)?.[1];
  const patchMergeKey = /(?:^|\s)patchMergeKey:"([^"]*)"/.exec(tags)?.[1];
  return {
    goName,
    goType,
    json: { name, omitEmpty: options.includes('omitempty'), inline: options.includes('inline') },
    protobuf: protobuf ? protobufTag(protobuf) : undefined,
    ...(patchStrategy ? { patch: { strategy: patchStrategy, ...(patchMergeKey ? { mergeKey: patchMergeKey } : {}) } } : {}),
  };
}

/** `varint,1,opt,name=replicas` → number 1, name replicas; `-` (not serialised) → undefined. */
function protobufTag(tag: string): GoField['protobuf'] {
  const parts = tag.split(',');
  if (parts[0] === '-') return undefined;
  return { number: Number(parts[1]), name: parts.find((p) => p.startsWith('name='))?.slice('name='.length) };
}
