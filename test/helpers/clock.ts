import type { Clock } from '../../src/lib/clock.js';

/** A clock that moves only when told, so time-based rules are tested without waiting. */
export class ManualClock implements Clock {
  private current = Date.now();

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
