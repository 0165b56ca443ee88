/**
 * What the streaming endpoints hold open right now: upgraded client connections and
 * ContainerStreams whose `done` has not settled. Both return to 0 when every client has gone,
 * which is how a test (or a metrics endpoint) proves a session leaves nothing behind.
 */
export class StreamGauge {
  connections = 0;
  streams = 0;

  /** Counts one connection; the returned function uncounts it, once however often it is called. */
  connectionOpened(): () => void {
    this.connections++;
    return once(() => this.connections--);
  }

  streamOpened(): () => void {
    this.streams++;
    return once(() => this.streams--);
  }
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}
