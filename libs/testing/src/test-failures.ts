/** The tests of this worker that failed so far (failed-tests.ts counts them); a lab compares it with what it was when the lab was attached. */
let failed = 0;

export const noteTestFailed = (): void => {
  failed += 1;
};

export const testsFailedSoFar = (): number => failed;
