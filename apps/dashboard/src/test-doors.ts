/**
 * The dashboard's specs run it as a lab would: with a secret, accepting loopback. A
 * signed-in page's headers, so a spec that is about something else gets past the doors.
 */
import { acceptedHosts, sessionOf } from './doors.js';

/** The doors of a dashboard in a spec, listening on 127.0.0.1. */
export const testDoors = { acceptHosts: acceptedHosts('127.0.0.1'), secret: 'a-test-lab-secret' };

/** What the dashboard's own page at `hostPort` sends: its session cookie, and its Origin for changes and streams. */
export function signedIn(hostPort: string): { Cookie: string; Origin: string } {
  const session = sessionOf(testDoors.secret);
  return { Cookie: `${session.cookieName}=${session.cookieValue}`, Origin: `http://${hostPort}` };
}
