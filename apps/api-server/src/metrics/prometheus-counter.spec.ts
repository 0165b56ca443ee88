import { describe, expect, it } from 'vitest';
import { Counter } from './prometheus-counter.js';

describe('Counter', () => {
  it('writes HELP, TYPE and one sample per set of label values, as a scrape reads them', () => {
    const c = new Counter('kubelab_test_total', 'Things counted.', ['code', 'reason']);
    c.inc({ code: '401', reason: 'Unauthorized' });
    c.inc({ code: '403', reason: 'Forbidden' }, 2);
    c.inc({ code: '401', reason: 'Unauthorized' });
    expect(c.text()).toBe([
      '# HELP kubelab_test_total Things counted.',
      '# TYPE kubelab_test_total counter',
      'kubelab_test_total{code="401",reason="Unauthorized"} 2',
      'kubelab_test_total{code="403",reason="Forbidden"} 2',
      '',
    ].join('\n'));
  });

  it('escapes backslashes, quotes and newlines in label values', () => {
    const c = new Counter('t_total', 'h', ['reason']);
    c.inc({ reason: 'a "b"\\\nc' });
    expect(c.text()).toContain('t_total{reason="a \\"b\\"\\\\\\nc"} 1');
  });

  it('shows 0 for a counter without labels before anything happened', () => {
    expect(new Counter('t_total', 'h').text()).toBe('# HELP t_total h\n# TYPE t_total counter\nt_total 0\n');
  });
});
