/**
 * The `?labelSelector=` query syntax, parsed exactly as labels.Parse does so that the same
 * inputs are accepted and the same error messages come back.
 */
import type { LabelOperator, LabelRequirement } from './label-requirement.js';
import { sortByKey } from './label-requirement.js';
import type { LabelToken, ScannedToken } from './label-lexer.js';
import { scanLabelSelector } from './label-lexer.js';
import { invalidField, newRequirement, qualifiedNameErrors, quote } from './label-validation.js';
import { SelectorError } from './selector-error.js';

/** Where the parser is: `in`/`notin` are values, not keywords, when a value is expected. */
type Context = 'keyAndOperator' | 'values';

const binaryOperators = 'in, notin, =, ==, !=, gt, lt';
const operatorTokens: Partial<Record<LabelToken, LabelOperator>> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

class Parser {
  private position = 0;
  constructor(private readonly items: ScannedToken[]) {}

  lookahead(context: Context): ScannedToken {
    return this.asContext(this.items[this.position], context);
  }

  consume(context: Context): ScannedToken {
    return this.asContext(this.items[this.position++], context);
  }

  private asContext(item: ScannedToken, context: Context): ScannedToken {
    const keyword = item.token === 'in' || item.token === 'notin';
    return context === 'values' && keyword ? { token: 'identifier', literal: item.literal } : item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead('values');
      if (token === 'end') return requirements;
      if (token !== 'identifier' && token !== '!') {
        throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.requirementOrThrow());
      const after = this.consume('values');
      if (after.token === 'end') return requirements;
      if (after.token !== ',') throw new SelectorError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const next = this.lookahead('values');
      if (next.token !== 'identifier' && next.token !== '!') {
        throw new SelectorError(`found '${next.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirementOrThrow(): LabelRequirement {
    try {
      return this.requirement();
    } catch (e) {
      if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
      throw e;
    }
  }

  private requirement(): LabelRequirement {
    const { key, unary } = this.keyAndUnaryOperator();
    if (unary) return newRequirement(key, unary, []);
    const operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, operator, [...values].sort());
  }

  private keyAndUnaryOperator(): { key: string; unary?: LabelOperator } {
    let scanned = this.consume('values');
    const negated = scanned.token === '!';
    if (negated) scanned = this.consume('values');
    if (scanned.token !== 'identifier') throw new SelectorError(`found '${scanned.literal}', expected: identifier`);
    const keyErrors = qualifiedNameErrors(scanned.literal);
    if (keyErrors.length > 0) throw new SelectorError(invalidField('<nil>', quote(scanned.literal), keyErrors.join('; ')));
    const next = this.lookahead('values').token;
    if (negated) return { key: scanned.literal, unary: '!' };
    return { key: scanned.literal, unary: next === 'end' || next === ',' ? 'exists' : undefined };
  }

  private operator(): LabelOperator {
    const { token, literal } = this.consume('keyAndOperator');
    const operator = operatorTokens[token];
    if (!operator) throw new SelectorError(`found '${literal}', expected: ${binaryOperators}`);
    return operator;
  }

  private valueSet(): Set<string> {
    const open = this.consume('values');
    if (open.token !== '(') throw new SelectorError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead('values');
    if (token === ')') {
      this.consume('values');
      return new Set(['']);
    }
    if (token !== 'identifier' && token !== ',') throw new SelectorError(`found '${literal}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    if (this.consume('values').token !== ')') throw new SelectorError(`found '${literal}', expected: ')'`);
    return values;
  }

  /** A comma-separated list where empty entries stand for the empty value: `(a,,b)`, `(,a)`. */
  private identifierList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume('values');
      if (token === 'identifier') {
        values.add(literal);
        const next = this.lookahead('values');
        if (next.token === ')') return values;
        if (next.token !== ',') throw new SelectorError(`found '${next.literal}', expected: ',' or ')'`);
      } else if (token === ',') {
        if (values.size === 0) values.add('');
        const next = this.lookahead('values').token;
        if (next === ')') {
          values.add('');
          return values;
        }
        if (next === ',') {
          this.consume('values');
          values.add('');
        }
      } else {
        throw new SelectorError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): Set<string> {
    const { token } = this.lookahead('values');
    if (token === 'end' || token === ',') return new Set(['']);
    const scanned = this.consume('values');
    if (scanned.token === 'identifier') return new Set([scanned.literal]);
    throw new SelectorError(`found '${scanned.literal}', expected: identifier`);
  }
}

/**
 * Parses `a=b,c!=d,e in (x,y),f notin (z),g,!h` into requirements sorted by key.
 * Throws a SelectorError worded as labels.Parse's error (`unable to parse requirement: ...`).
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  return sortByKey(new Parser(scanLabelSelector(text)).parse());
}
