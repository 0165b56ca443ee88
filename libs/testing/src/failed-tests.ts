/**
 * Set up before each e2e file (vitest.e2e.config.ts): counts the tests of this worker that failed, so that a lab stopped after
 * one of its suite's tests failed prints the end of its processes' logs first (lab.ts), while they still exist: the run's
 * temporary directory, and every lab's logs with it, is gone when the run ends.
 */
import { beforeEach } from 'vitest';
import { noteTestFailed } from './test-failures.js';

beforeEach(({ onTestFailed }) => {
  onTestFailed(noteTestFailed);
});
