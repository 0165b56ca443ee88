import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyJobSelector } from './job-selector.js';

const job = (spec: object): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec });

describe('applyJobSelector', () => {
  it('generates the selector and the four pod labels, and labels the Job like its pods', () => {
    const result = applyJobSelector(job({ template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } }), 'uid-1');
    const labels = { 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'uid-1', 'batch.kubernetes.io/controller-uid': 'uid-1' };
    expect(result.spec!.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } });
    expect(result.spec!.template.metadata!.labels).toEqual(labels);
    expect(result.metadata.labels).toEqual(labels);
  });

  it('keeps user labels, including a conflicting one for validation to refuse', () => {
    const result = applyJobSelector(job({ template: { metadata: { labels: { app: 'pi', 'job-name': 'other' } }, spec: {} } }), 'uid-1');
    expect(result.spec!.template.metadata!.labels).toMatchObject({ app: 'pi', 'job-name': 'other', 'controller-uid': 'uid-1' });
  });

  it('leaves a manual selector alone', () => {
    const manual = job({ manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } } } });
    expect(applyJobSelector(manual, 'uid-1')).toEqual(manual);
  });
});
