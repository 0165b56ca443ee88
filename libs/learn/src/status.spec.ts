import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExam, type ExamState } from './exam.js';
import { readProgress } from './progress.js';
import { learnHint, learnStatus, type LearnSource } from './status.js';

const scenario = [
  'title: {en: Gone, ko: 없음}', 'goal: {en: Delete pod a, ko: pod a 를 지우세요}', 'explanation: {en: E, ko: 이}', 'solution: [{delete: {kind: Pod, name: a}}]',
  'hints: [{en: first, ko: 첫째}, {en: second, ko: 둘째}]',
  'checks:',
  '  - {id: gone, type: absent, select: {kind: Pod, name: a}, text: {en: a is gone, ko: a 가 없음}, failing: {en: a is still there, ko: a 가 아직 있음}}',
  '  - {id: b, type: objects, select: {kind: Pod, name: b}, where: [{path: status.phase, equals: Running}], text: {en: b runs, ko: b 실행}, failing: {en: b does not run, ko: b 안 됨}}',
].join('\n');

const pod = (namespace: string, name: string, phase: string) => ({ kind: 'Pod', metadata: { namespace, name, uid: `${namespace}/${name}` }, status: { phase } });

describe('the current scenario for a page', () => {
  const scenariosDir = tempDir('scenarios');
  mkdirSync(join(scenariosDir, 'gone'));
  writeFileSync(join(scenariosDir, 'gone', 'scenario.yaml'), scenario);
  const requests: string[] = [];
  let server: Server;
  let apiUrl = '';
  const source = (dataDir: string): LearnSource => ({ apiUrl, scenariosDir, dataDir, timeScale: 1 });
  const progress = (current: string | undefined) => {
    const dataDir = tempDir('data');
    writeFileSync(join(dataDir, 'learn.json'), JSON.stringify({ current, scenarios: { gone: { state: 'in-progress', startSeq: 7, startedAt: '2026-11-23T10:00:00Z', uids: [], objects: [], hints: 0 } } }));
    return dataDir;
  };

  beforeAll(async () => {
    // The api-server's answers the status reads: the namespace's pods, the nodes, and the log since the start (none here).
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/api/v1/namespaces/learn-gone/pods') res.end(JSON.stringify({ items: [pod('learn-gone', 'a', 'Running'), pod('learn-gone', 'b', 'Running')] }));
      else if (req.url === '/api/v1/nodes') res.end(JSON.stringify({ items: [] }));
      else res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('runs the checks on the scenario namespace\'s objects and its log since the start, in the language asked for', async () => {
    expect(await learnStatus(source(progress('gone')), 'en', fetch)).toEqual({
      scenario: 'gone', title: 'Gone', goal: 'Delete pod a', namespace: 'learn-gone', passed: false, hints: 2,
      checks: [{ id: 'gone', ok: false, message: 'a is still there' }, { id: 'b', ok: true, message: 'b runs' }],
    });
    expect(requests).toContain('/kubelab/v1/events?namespace=learn-gone&since=7');
    expect(await learnStatus(source(progress('gone')), 'ko', fetch)).toMatchObject({ title: '없음', checks: [{ message: 'a 가 아직 있음' }, { message: 'b 실행' }] });
  });

  it('is none without a scenario in progress, or when its folder is gone, without asking the api-server', async () => {
    const unreachable = () => Promise.reject(new Error('no request expected'));
    expect(await learnStatus(source(tempDir('empty')), 'en', unreachable)).toEqual({ scenario: null });
    expect(await learnStatus(source(progress(undefined)), 'en', unreachable)).toEqual({ scenario: null });
    expect(await learnStatus(source(progress('renamed')), 'en', unreachable)).toEqual({ scenario: null });
  });

  it('shows a practice exam under way as its clock and tasks, never their checks, and the scenario again once it is finished', async () => {
    const unreachable = () => Promise.reject(new Error('no request expected'));
    const dataDir = progress('gone');
    const exam: ExamState = { set: 'cka', seed: 1, minutes: 60, startedAt: '2026-11-25T10:00:00Z', endsAt: '2026-11-25T11:00:00Z', tasks: ['gone'], startSeq: 7 };
    writeExam({ dataDir }, exam);
    expect(await learnStatus(source(dataDir), 'en', unreachable, new Date('2026-11-25T10:15:30Z')))
      .toEqual({ scenario: null, exam: { title: 'CKA practice exam', left: '44m 30s', tasks: [{ namespace: 'learn-gone', title: 'Gone' }] } });
    expect(await learnStatus(source(dataDir), 'ko', unreachable, new Date('2026-11-25T11:00:01Z'))).toMatchObject({ exam: { title: 'CKA 모의 시험', left: null } });
    writeExam({ dataDir }, { ...exam, finished: { at: '2026-11-25T10:50:00Z', score: 50, tasks: [] } });
    expect(await learnStatus(source(dataDir), 'en', fetch)).toMatchObject({ scenario: 'gone' });
  });

  it('gives hint n of the current scenario, none past the last', () => {
    const dataDir = progress('gone');
    expect(learnHint({ scenariosDir, dataDir }, 1, 'en')).toBe('first');
    expect(learnHint({ scenariosDir, dataDir }, 2, 'ko')).toBe('둘째');
    expect(learnHint({ scenariosDir, dataDir }, 3, 'en')).toBeUndefined();
    expect(learnHint({ scenariosDir, dataDir: tempDir('empty') }, 1, 'en')).toBeUndefined();
  });

  it('reads a progress file that is not JSON as no progress', () => {
    const dataDir = tempDir('data');
    writeFileSync(join(dataDir, 'learn.json'), '{"current": ');
    expect(readProgress({ dataDir })).toEqual({ scenarios: {} });
  });
});
