import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The Kubernetes documentation's sidecar examples (kubernetes/website content/en/examples/application). */
const deploymentSidecar = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
  labels:
    app: myapp
spec:
  replicas: 1
  selector:
    matchLabels:
      app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
        - name: myapp
          image: alpine:latest
          command: ['sh', '-c', 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      volumes:
        - name: data
          emptyDir: {}
`;

const jobSidecar = `
apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  template:
    spec:
      containers:
        - name: myjob
          image: alpine:latest
          command: ['sh', '-c', 'echo "logging" > /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          # Setting restartPolicy: Always makes this a sidecar container.
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      restartPolicy: Never
      volumes:
        - name: data
          emptyDir: {}
`;

/** A sidecar that is ready only after 10 s (its startupProbe says when); the app reads what it prepared, or fails. */
const startupOrdering = `
apiVersion: v1
kind: Pod
metadata:
  name: ordered
spec:
  initContainers:
    - name: warmup
      image: busybox:1.36
      restartPolicy: Always
      command: ['sh', '-c', 'sleep 10; echo warm > /shared/ready; sleep 3600']
      startupProbe:
        exec:
          command: ['cat', '/shared/ready']
        periodSeconds: 2
        failureThreshold: 30
      volumeMounts:
        - name: shared
          mountPath: /shared
  containers:
    - name: app
      image: busybox:1.36
      command: ['sh', '-c', 'cat /shared/ready && sleep 3600']
      volumeMounts:
        - name: shared
          mountPath: /shared
  volumes:
    - name: shared
      emptyDir: {}
`;

describe('sidecar containers, the documentation\'s examples (time scale 20, the real kubectl)', () => {
  let lab: TestLab;
  /** READY STATUS RESTARTS of the pods matching `selector`, one line each. */
  const columns = async (selector: string[]) =>
    (await lab.kubectl(['get', 'pods', ...selector, '--no-headers'])).stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(1, 4).join(' '));
  const apply = async (manifest: string) => expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');

  beforeAll(async () => {
    lab = await sharedLab('sidecars');
  });
  afterAll(() => lab?.stop());

  it('runs the Deployment with a sidecar to 2/2 Running; describe shows the sidecar under Init Containers', async () => {
    await apply(deploymentSidecar);
    await waitFor(async () => (await columns(['-l', 'app=myapp'])).join() === '2/2 Running 0', 'the myapp pod 2/2 Running', 30_000);
    const described = (await lab.kubectl(['describe', 'pod', '-l', 'app=myapp'])).stdout;
    const init = described.slice(described.indexOf('Init Containers:'), described.indexOf('\nContainers:'));
    expect(init).toMatch(/logshipper:[\s\S]*State:\s+Running[\s\S]*Ready:\s+True\n\s+Restart Count:\s+0/);
    const shipped = await waitFor(async () => {
      const out = (await lab.kubectl(['logs', 'deploy/myapp', '-c', 'logshipper'])).stdout;
      return out.includes('logging') && out;
    }, 'the sidecar to ship the app\'s log lines', 15_000);
    expect(shipped).toContain('logging\nlogging');
  });

  it('completes the Job with a sidecar: the pod is Completed once its main container is done', async () => {
    await apply(jobSidecar);
    await waitFor(async () => (await lab.kubectl(['get', 'job', 'myjob', '--no-headers'])).stdout.split(/\s+/)[1] === 'Complete', 'the Job Complete', 60_000);
    expect(await columns(['-l', 'job-name=myjob'])).toEqual(['0/2 Completed 0']);
    const statuses = JSON.parse((await lab.kubectl(['get', 'pods', '-l', 'job-name=myjob', '-o', 'jsonpath={.items[0].status.initContainerStatuses}'])).stdout) as { name: string; restartCount: number; state: { terminated?: object } }[];
    expect(statuses).toMatchObject([{ name: 'logshipper', restartCount: 0, state: { terminated: {} } }]);
  });

  it('starts the app container only once the sidecar\'s startupProbe passed', async () => {
    const watch = lab.kubectl.spawn(['get', 'pods', '-w', '--field-selector', 'metadata.name=ordered']);
    try {
      await apply(startupOrdering);
      await waitFor(async () => (await columns(['ordered'])).join() === '2/2 Running 0', 'ordered 2/2 Running', 30_000);
      await waitFor(() => /0\/2\s+Init:0\/1[\s\S]*2\/2\s+Running/.test(watch.output()), 'Init:0/1, then 2/2 Running, in kubectl get -w');
    } finally {
      watch.stop();
    }
    // Started before the sidecar had written its file, the app would have failed and restarted.
    expect((await lab.kubectl(['logs', 'ordered', '-c', 'app'])).stdout).toBe('warm\n');
  });
});
