// The WebSocket to the bridge: parses server frames, sends control messages, and reconnects with backoff when the server goes away.
import type { ClientMessage, ServerFrame } from '../../nodes/bridge/protocol.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ConnectionHandlers {
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState): void;
}

export class Connection {
  readonly #url: string;
  readonly #handlers: ConnectionHandlers;
  #socket: WebSocket | null = null;
  #retryMs = 500;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(url: string, handlers: ConnectionHandlers) {
    this.#url = url;
    this.#handlers = handlers;
    this.#open();
  }

  /** The viewer's WebSocket URL on the page's own server. */
  static defaultUrl(): string {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  }

  send(message: ClientMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#socket?.close();
  }

  #open(): void {
    this.#handlers.onState('connecting');
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#retryMs = 500;
      this.#handlers.onState('open');
    });
    socket.addEventListener('message', (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(ev.data) as ServerFrame;
      } catch {
        console.warn('viewer: ignored a frame that is not JSON');
        return;
      }
      this.#handlers.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#handlers.onState('closed');
      if (this.#disposed) return;
      this.#timer = setTimeout(() => this.#open(), this.#retryMs);
      this.#retryMs = Math.min(5000, this.#retryMs * 2);
    });
  }
}
