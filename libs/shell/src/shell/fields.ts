/**
 * Field splitting: how one word becomes zero or more arguments. Unquoted
 * expansion results split on IFS whitespace and may glob; quoted text and
 * quoted expansions stay whole. Each field remembers which of its characters
 * came from unquoted text so globbing only treats those as patterns.
 */

/** One argument-to-be: its text and, per character, whether it may act as a glob pattern. */
export interface Field {
  readonly text: string;
  readonly pattern: readonly boolean[];
}

const GLOB_CHARACTERS = new Set(['*', '?', '[']);
const DEFAULT_IFS = ' \t\n';

/** Builds the fields of one word, part by part. */
export class FieldBuilder {
  private readonly fields: Field[] = [];
  private text = '';
  private pattern: boolean[] = [];
  private started = false;
  private readonly separators: RegExp | undefined;

  constructor(ifs: string = DEFAULT_IFS) {
    const escaped = [...ifs].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    this.separators = ifs === '' ? undefined : new RegExp(`[${escaped}]+`);
  }

  /** Text that is never split: quoted text, quoted expansions, and unquoted literal text. */
  addWhole(text: string, quoted: boolean): void {
    this.append(text, !quoted);
    this.started = true;
  }

  /** An unquoted expansion result: split on IFS, each piece globbable. */
  addSplit(value: string): void {
    if (!this.separators) {
      if (value !== '') this.addWhole(value, false);
      return;
    }
    value.split(this.separators).forEach((piece, index) => {
      if (index > 0) this.finishField();
      if (piece !== '') this.addWhole(piece, false);
    });
  }

  /** `"$@"`: each value its own field, the first and last joined to the text around them. */
  addQuotedList(values: readonly string[]): void {
    values.forEach((value, index) => {
      if (index > 0) this.finishField();
      this.addWhole(value, true);
    });
  }

  /** The finished fields of the word. */
  finish(): Field[] {
    this.finishField();
    return this.fields;
  }

  private append(text: string, globbable: boolean): void {
    this.text += text;
    for (const c of text) this.pattern.push(globbable && GLOB_CHARACTERS.has(c));
  }

  private finishField(): void {
    if (this.started) this.fields.push({ text: this.text, pattern: this.pattern });
    this.text = '';
    this.pattern = [];
    this.started = false;
  }
}
