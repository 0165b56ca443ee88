import { describe, expect, it } from 'vitest';
import { SelectorError } from './selector-error.js';
import { translateFieldSelector } from './translate-field-selector.js';

const eventsV1 = { group: 'events.k8s.io', kind: 'Event' };

describe('translateFieldSelector', () => {
  it.each([
    { asked: eventsV1, selector: 'regarding.name=web', then: 'involvedObject.name=web' },
    { asked: eventsV1, selector: 'reportingController!=kubelet,type=Warning', then: 'reportingComponent!=kubelet,type=Warning' },
    { asked: eventsV1, selector: 'regarding.name==a\\,b\\=c\\\\d', then: 'involvedObject.name==a\\,b\\=c\\\\d' },
    { asked: { group: '', kind: 'Pod' }, selector: 'spec.host=n1', then: 'spec.nodeName=n1' },
    { asked: { group: '', kind: 'Secret' }, selector: 'type=Opaque', then: 'type=Opaque' },
    { asked: { group: '', kind: 'Secret' }, selector: '', then: '' },
    { asked: { group: '', kind: 'Secret' }, selector: undefined, then: undefined },
  ])('$selector for $asked.group/$asked.kind → $then', ({ asked, selector, then }) => {
    expect(translateFieldSelector(asked, selector)).toBe(then);
  });

  it('refuses with the asked kind\'s words, and a selector it cannot parse as fields.ParseSelector does', () => {
    expect(() => translateFieldSelector(eventsV1, 'involvedObject.name=web')).toThrow(new SelectorError('field label not supported: involvedObject.name'));
    expect(() => translateFieldSelector(eventsV1, 'regarding.name')).toThrow(new SelectorError("invalid selector: 'regarding.name'; can't understand 'regarding.name'"));
  });
});
