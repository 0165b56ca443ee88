/** What an e2e run's global setup hands its suites (vitest's provide/inject), typed. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared lab's data dir (shared-lab-setup.ts): its lab.json appears once a suite has started it. */
    sharedLabDir: string;
  }
}

export {};
