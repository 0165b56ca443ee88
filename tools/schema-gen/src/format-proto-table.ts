/**
 * Lays the protobuf field table out as JSON with one field per line, so a
 * regenerated file diffs field by field, like the schema catalog beside it.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type { ProtoMessage, ProtoTable } from '../../../libs/api/src/schema/protobuf-table.js';

/** The table as the text of protobuf-fields.generated.json. */
export function formatProtoTable(table: ProtoTable): string {
  const kinds = Object.entries(table.kinds).map(([apiVersion, byKind]) => `  ${JSON.stringify(apiVersion)}: ${JSON.stringify(byKind)}`);
  const messages = Object.entries(table.messages).map(([name, m]) => formatMessage(name, m));
  return `{\n "kinds": {\n${kinds.join(',\n')}\n },\n "messages": {\n${messages.join(',\n')}\n }\n}\n`;
}

function formatMessage(name: string, message: ProtoMessage): string {
  if (!message.fields) return `  ${JSON.stringify(name)}: ${JSON.stringify(message)}`;
  const fields = Object.entries(message.fields).map(([number, f]) => `    ${JSON.stringify(number)}: ${JSON.stringify(f)}`);
  const body = fields.length > 0 ? `{\n${fields.join(',\n')}\n   }` : '{}';
  return `  ${JSON.stringify(name)}: {\n   "fields": ${body}\n  }`;
}
