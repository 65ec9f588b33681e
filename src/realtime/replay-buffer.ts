import type { PreparedEvent } from './websocket-event.js';

/**
 * The last events a connection was sent, kept so that a client that lost its socket can resume
 * without losing any (Mattermost's dead queue). Sequence numbers are implicit: the newest entry
 * has the connection's last sequence number and the others count down from it.
 */
export class ReplayBuffer {
  private readonly entries: Array<PreparedEvent | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.entries = new Array<PreparedEvent | undefined>(capacity);
  }

  /** Records the event sent next; the oldest one is forgotten when the buffer is full. */
  push(event: PreparedEvent): void {
    if (this.capacity === 0) return;
    const index = (this.start + this.count) % this.capacity;
    this.entries[index] = event;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  /**
   * The frames from sequence `from` up to `nextSeq - 1`, in order; undefined when `from` is not
   * covered (older than what is kept, or ahead of what was sent), which means events were lost.
   */
  framesSince(from: number, nextSeq: number): Buffer[] | undefined {
    const oldest = nextSeq - this.count;
    if (!Number.isInteger(from) || from < oldest || from > nextSeq) return undefined;
    const frames: Buffer[] = [];
    for (let seq = from; seq < nextSeq; seq++) {
      const entry = this.entries[(this.start + (seq - oldest)) % this.capacity];
      if (!entry) return undefined;
      frames.push(entry.frame(seq));
    }
    return frames;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
