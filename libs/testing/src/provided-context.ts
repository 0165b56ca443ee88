/** What an e2e run's global setup hands its suites (vitest's provide/inject), typed. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the run's shared labs live (shared-lab-setup.ts), one data dir per worker: `worker-N/lab.json` appears once a suite of worker N has started it. */
    sharedLabDir: string;
  }
}

export {};
