import { describe, expect, it } from 'vitest';
import { QUANTITY_FORMAT_ERROR, canonicalQuantity, compareQuantities, parseQuantity, quantityError } from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['1', 1],
    ['2.5', 2.5],
    ['1Gi', 1073741824],
    ['128Mi', 134217728],
    ['1k', 1000],
    ['1e3', 1000],
    ['100u', 0.0001],
    ['-1', -1],
    [3, 3],
  ])('%s → %s', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each([['abc'], ['1Gb'], [''], ['1.2.3']])('refuses %j with the decoder message', (text) => {
    expect(() => parseQuantity(text)).toThrow(QUANTITY_FORMAT_ERROR);
  });

  it('reports an unknown suffix separately', () => {
    expect(quantityError('1kk')).toBe("unable to parse quantity's suffix");
    expect(quantityError('250m')).toBeUndefined();
  });
});

describe('canonicalQuantity', () => {
  it.each([
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['1000Mi', '1000Mi'],
    ['512', '512'],
    ['2048', '2048'],
    ['1.5k', '1500'],
    ['100e6', '100e6'],
    ['0', '0'],
    ['0.1m', '100u'],
    [2, '2'],
  ])('%s prints as %s', (text, canonical) => {
    expect(canonicalQuantity(text)).toBe(canonical);
  });
});

describe('compareQuantities', () => {
  it.each([
    ['500m', '0.5', 0],
    ['1', '999m', 1],
    ['1Gi', '1G', 1],
    ['128Mi', '256Mi', -1],
  ])('%s vs %s → %s', (a, b, result) => {
    expect(compareQuantities(a, b)).toBe(result);
  });
});
