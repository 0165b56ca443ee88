/** A request that cannot be carried out as given; the message says what to change (exit 2). Its own module, so the work modules (join.ts, the commands) can throw it without importing the program that assembles them. */
export class UsageError extends Error {}
