/**
 * The page's terminal into a pod: a dock along the bottom of the page with xterm.js,
 * running `sh` in one of the pod's running containers over the api-server's exec (the
 * same path and protocol as `kubectl exec -it`, v5.channel.k8s.io, through the
 * dashboard's upgrade pass-through). One dock at a time; the fit addon sizes the
 * terminal to the dock, and each change of size reaches the shell on channel 4. The
 * framing and what the end of a session prints are decided in exec-channel.ts.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type IDisposable } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { el } from './dom.js';
import { closeStdinFrame, decodeFrame, endLines, execProtocol, execUrl, resizeFrame, stdinFrame, type ExecStatus } from './exec-channel.js';

export interface TerminalTarget {
  namespace: string;
  pod: string;
  /** The running containers, the default first. */
  containers: readonly string[];
}

/** Busybox, alpine and debian images all have it; bash is not in most. */
const shell = 'sh';
const dockHeight = { initial: 320, min: 120, maxShare: 0.85 };

interface Session {
  /** Ends the session from the page: stdin closed, then the socket. */
  close(): void;
}

/** Runs the shell in the container on `term`, until the api-server ends the session or the page closes it. */
function startSession(term: Terminal, url: string, onState: (text: string, ended: boolean) => void): Session {
  const socket = new WebSocket(url, [execProtocol]);
  socket.binaryType = 'arraybuffer';
  let opened = false;
  let closedByPage = false;
  let ended = false;
  /** The last byte the shell printed (0: none yet), to start the end's lines on a line of their own. */
  let lastByte = 0;
  const send = (frame: Uint8Array) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  };
  const listeners: IDisposable[] = [
    term.onData((data) => send(stdinFrame(data))),
    term.onResize(({ cols, rows }) => send(resizeFrame(cols, rows))),
  ];
  const stopListening = () => listeners.splice(0).forEach((l) => l.dispose());
  /** Prints how the session ended, once: from the status when it comes, or from the close of a socket that sent none. */
  const finish = (status: ExecStatus | undefined) => {
    stopListening();
    if (ended || closedByPage) return;
    ended = true;
    const lines = endLines({ status, opened, sawOutput: lastByte !== 0, command: shell });
    // Dimmed, on a line of its own, and the cursor hidden: nothing typed reaches a shell any more.
    term.write(`${lastByte === 0 || lastByte === 0x0a ? '' : '\r\n'}\x1b[2m${lines.join('\r\n')}\x1b[0m\r\n\x1b[?25l`);
    onState(lines[0].slice(1, -1), true);
  };
  socket.addEventListener('open', () => {
    if (closedByPage) return;
    opened = true;
    send(resizeFrame(term.cols, term.rows));
    onState('connected', false);
    term.focus();
  });
  socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
    const frame = decodeFrame(new Uint8Array(event.data));
    if (frame.type === 'output' && frame.data.length > 0) {
      lastByte = frame.data[frame.data.length - 1];
      term.write(frame.data);
    } else if (frame.type === 'status') {
      finish(frame.status);
      socket.close(1000, 'session ended');
    }
  });
  socket.addEventListener('close', () => finish(undefined));
  return {
    close() {
      closedByPage = true;
      stopListening();
      // A socket still connecting is closed once open: closing it earlier is a failed handshake, not a clean end.
      if (socket.readyState === WebSocket.CONNECTING) socket.addEventListener('open', () => socket.close(1000, 'terminal closed'));
      else {
        send(closeStdinFrame());
        socket.close(1000, 'terminal closed');
      }
    },
  };
}

/** The dock's height is a CSS variable, so the page's own panels make room for it. */
function setDockHeight(px: number | undefined): void {
  const root = document.documentElement.style;
  if (px === undefined) root.removeProperty('--dock');
  else root.setProperty('--dock', `${Math.round(Math.min(Math.max(px, dockHeight.min), window.innerHeight * dockHeight.maxShare))}px`);
}

/** Dragging the grip along the dock's top edge resizes it; `done` gives the keyboard back to the terminal. */
function resizable(grip: HTMLElement, done: () => void): void {
  grip.addEventListener('pointerdown', (down) => {
    grip.setPointerCapture(down.pointerId);
    const move = (e: PointerEvent) => setDockHeight(window.innerHeight - e.clientY);
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', () => {
      grip.removeEventListener('pointermove', move);
      done();
    }, { once: true });
  });
}

let open: { dispose(): void } | undefined;

/** Opens the dock on a shell in the target's default container (replacing any open terminal); its picker switches container. */
export function openTerminal(target: TerminalTarget): void {
  open?.dispose();
  const screen = el('div', { class: 'terminal-screen', 'data-testid': 'terminal-screen' });
  const state = el('span', { class: 'terminal-state', 'data-testid': 'terminal-state' });
  const again = el('button', { 'data-testid': 'terminal-again', title: `run ${shell} again in this container`, click: () => connect() }, 'new session');
  const picker = el('select', { 'data-testid': 'terminal-container', title: 'the container to enter', change: () => connect() },
    ...target.containers.map((name) => el('option', { value: name }, name))) as HTMLSelectElement;
  picker.disabled = target.containers.length < 2;
  const grip = el('div', { class: 'dock-grip', title: 'drag to resize' });
  const close = el('button', { class: 'close', 'data-testid': 'close-terminal', title: 'close the terminal', click: () => open?.dispose() }, '×');
  const dock = el('section', { class: 'terminal-dock', 'data-testid': 'terminal' },
    grip, el('header', {}, el('h2', {}, `${shell} in ${target.namespace}/${target.pod}`), picker, state, again, close), screen);
  document.body.append(dock);
  setDockHeight(dockHeight.initial);

  const term = new Terminal({ cursorBlink: true, fontSize: 13, fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', theme: { background: '#1e272c' } });
  resizable(grip, () => term.focus());
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(screen);
  fit.fit();
  const fitToDock = new ResizeObserver(() => fit.fit());
  fitToDock.observe(screen);

  let session: Session | undefined;
  function connect(): void {
    session?.close();
    term.reset();
    again.hidden = true;
    state.textContent = `connecting to ${picker.value}…`;
    session = startSession(term, execUrl(location.origin, { namespace: target.namespace, pod: target.pod, container: picker.value }, shell), (text, ended) => {
      state.textContent = text;
      again.hidden = !ended;
    });
  }
  open = {
    dispose() {
      open = undefined;
      session?.close();
      fitToDock.disconnect();
      term.dispose();
      dock.remove();
      setDockHeight(undefined);
    },
  };
  connect();
}
