/**
 * Reads the interfaces and classes of a .d.ts file with their doc comments.
 * Both sources of Kubernetes API text (client-node's generated models and the
 * kubernetes-types package) keep descriptions only in JSDoc, so this is where
 * the `kubectl explain` text comes from.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** One field of a declared type. */
export interface DeclaredMember {
  description: string;
  optional: boolean;
  /** The field's TypeScript type as written, e.g. `{[name: string]: Quantity}`. */
  typeText: string;
}

/** One declared interface or class. */
export interface Declaration {
  description: string;
  members: Map<string, DeclaredMember>;
}

/** Every interface, class and type alias of a declaration file, by name. */
export function readDeclarations(file: string): Map<string, Declaration> {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const declarations = new Map<string, Declaration>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (!statement.name) continue;
      declarations.set(statement.name.text, {
        description: docComment(text, statement),
        members: readMembers(text, source, statement.members),
      });
    } else if (ts.isTypeAliasDeclaration(statement)) {
      declarations.set(statement.name.text, { description: docComment(text, statement), members: new Map() });
    }
  }
  return declarations;
}

function readMembers(
  text: string,
  source: ts.SourceFile,
  members: ts.NodeArray<ts.ClassElement | ts.TypeElement>,
): Map<string, DeclaredMember> {
  const result = new Map<string, DeclaredMember>();
  for (const member of members) {
    if (!ts.isPropertyDeclaration(member) && !ts.isPropertySignature(member)) continue;
    if (!member.name || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) continue;
    result.set(member.name.text, {
      description: docComment(text, member),
      optional: member.questionToken !== undefined,
      typeText: member.type ? member.type.getText(source) : '',
    });
  }
  return result;
}

/**
 * The text of the last `/** … *\/` comment before a node, without the comment
 * markers and the leading `*` of each line. Read raw rather than through the
 * JSDoc parser, which would take an `@` in a description for a tag.
 */
function docComment(text: string, node: ts.Node): string {
  const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const last = ranges.filter((r) => text.startsWith('/**', r.pos)).at(-1);
  if (!last) return '';
  const body = text.slice(last.pos + 3, last.end - 2);
  return unescapeGenerated(
    body
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, '').trimEnd())
      .join('\n')
      .trim(),
  );
}

/** client-node's generator writes `\'`, `\"` and `\\` inside comments. */
function unescapeGenerated(description: string): string {
  return description.replace(/\\(['"\\])/g, '$1');
}
