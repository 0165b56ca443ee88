import { describe, expect, it } from 'vitest';
import { quantityFormatError, quantitySuffixError, quantitySyntaxError } from './quantity-syntax.js';

describe('quantitySyntaxError', () => {
  it.each(['0', '1', '500m', '0.5', '.5', '1.', '128Mi', '1Gi', '2k', '1e3', '1E-2', '-1', '+3', ' 1Gi ', '100n'])(
    'accepts %j',
    (text) => expect(quantitySyntaxError(text)).toBeUndefined(),
  );

  const rejected: Array<[string, string]> = [
    ['', quantityFormatError],
    ['lots', quantityFormatError],
    ['1GB', quantityFormatError],
    ['1.2.3', quantityFormatError],
    ['1 Gi', quantityFormatError],
    ['512mi', quantitySuffixError],
    ['1G5', quantitySuffixError],
    ['1e', quantitySuffixError],
  ];
  it.each(rejected)('rejects %j', (text, error) => expect(quantitySyntaxError(text)).toBe(error));
});
