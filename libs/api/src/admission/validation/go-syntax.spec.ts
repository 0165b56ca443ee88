import { describe, expect, it } from 'vitest';
import { goLabelSelector, goStringMap, goStringSlice, goTime } from './go-syntax.js';

describe('Go renderings', () => {
  it.each([
    [goStringMap({ b: '2', a: '1' }), 'map[string]string{"a":"1", "b":"2"}'],
    [goStringMap(undefined), 'map[string]string(nil)'],
    [goStringSlice(['10.0.0.1']), '[]string{"10.0.0.1"}'],
    [goStringSlice(undefined), '[]string(nil)'],
    [
      goLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }),
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"web"}}}}',
    ],
    [goLabelSelector(undefined), 'null'],
    [goTime('2024-05-01T10:00:00Z'), '2024-05-01 10:00:00 +0000 UTC'],
    [goTime(undefined), '0001-01-01 00:00:00 +0000 UTC'],
  ])('%s', (rendered, expected) => {
    expect(rendered).toBe(expected);
  });
});
