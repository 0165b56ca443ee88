import type { Pod } from '@kubelab/api';
import type { KubeletPodStatus } from '@kubelab/pod-lifecycle';
import { describe, expect, it } from 'vitest';
import type { NodeRuntimeDeps } from '../node-runtime-deps.js';
import { StatusReporter } from './status-reporter.js';

/**
 * A reporter whose updates the api-server takes at once, or refuses while `refusing`; `sent` holds each status patched,
 * `conversions` counts the statuses mapped to the wall clock.
 */
function reporter() {
  const sent: Record<string, unknown>[] = [];
  const api = { refusing: false, conversions: 0 };
  const client = {
    send: ({ body }: { body: { status: Record<string, unknown> } }) => {
      if (api.refusing) return Promise.reject(new Error('no responders'));
      sent.push(body.status);
      return Promise.resolve();
    },
  };
  const convert = <T>(value: T) => (api.conversions++, value);
  const deps = { client, log: { debug: () => undefined }, time: { convert } } as unknown as Pick<NodeRuntimeDeps, 'client' | 'log' | 'time'>;
  return { reporter: new StatusReporter(deps, { stopped: () => true, report: () => undefined }), sent, api };
}

const pending = { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }], hostIP: '172.18.0.3', qosClass: 'BestEffort' };
const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], hostIP: '172.18.0.3', podIP: '10.244.1.2', qosClass: 'BestEffort' };
const pod = (status: object): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', uid: 'u1' }, spec: { containers: [{ name: 'web', image: 'nginx' }] }, status });
/** The status as the api-server stores it after a merge patch: the fields it had keep their place, new ones come last. */
const asStored = ({ podIP, qosClass, ...rest }: Record<string, unknown>) => ({ qosClass, ...rest, ...(podIP ? { podIP } : {}) });

describe('StatusReporter', () => {
  it('knows its own report coming back, whatever the order of the stored status\'s fields', async () => {
    const { reporter: r } = reporter();
    r.publish(pod({}), pending as KubeletPodStatus, undefined);
    await r.flushed();
    expect(r.isEcho(pod(asStored(pending)), pod({}))).toBe(true);
  });

  it('knows a report it sent before the last, come back after the last was sent', async () => {
    const { reporter: r, sent } = reporter();
    r.publish(pod({}), pending as KubeletPodStatus, undefined);
    r.publish(pod({}), running as KubeletPodStatus, undefined);
    await r.flushed();
    expect(sent).toHaveLength(2);
    expect(r.isEcho(pod(asStored(pending)), pod({}))).toBe(true);
    expect(r.isEcho(pod(asStored(running)), pod(asStored(pending)))).toBe(true);
  });

  it('takes a status someone else wrote, or a changed spec, for a change to act on, and sets the status right again', async () => {
    const { reporter: r, sent } = reporter();
    r.publish(pod({}), running as KubeletPodStatus, undefined);
    await r.flushed();
    const notReady = { ...running, conditions: [{ type: 'Ready', status: 'False' }] };
    expect(r.isEcho(pod(notReady), pod(running))).toBe(false);
    expect(r.isEcho({ ...pod(running), spec: { containers: [] } }, pod(running))).toBe(false);
    r.observed(pod(notReady));
    r.publish(pod(notReady), running as KubeletPodStatus, undefined);
    await r.flushed();
    expect(sent).toEqual([running, running]);
  });

  it('takes a pod without a status (a static pod read from its manifest) for a change to act on', () => {
    const { reporter: r } = reporter();
    const fromManifest: Pod = { ...pod({}), status: undefined };
    expect(r.isEcho(fromManifest, fromManifest)).toBe(false);
  });

  it('sends a status once while it does not change, mapping its times to the wall clock once', async () => {
    const { reporter: r, sent, api } = reporter();
    r.publish(pod({}), running as KubeletPodStatus, undefined);
    r.publish(pod({}), { ...running } as KubeletPodStatus, undefined);
    r.publish(pod(asStored(running)), structuredClone(running) as KubeletPodStatus, undefined);
    await r.flushed();
    expect(sent).toHaveLength(1);
    expect(api.conversions).toBe(1);
    expect(r.lastLabStatus).toEqual(running);
  });

  it('sends an unchanged status again once a report did not go through, and once told to forget', async () => {
    const { reporter: r, sent, api } = reporter();
    api.refusing = true;
    r.publish(pod({}), running as KubeletPodStatus, undefined);
    await r.flushed();
    api.refusing = false;
    r.publish(pod({}), running as KubeletPodStatus, undefined);
    await r.flushed();
    r.forget();
    r.publish(pod({}), running as KubeletPodStatus, undefined);
    await r.flushed();
    expect(sent).toEqual([running, running]);
  });
});
