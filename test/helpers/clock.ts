import type { Clock } from '../../src/lib/clock.js';

/** A clock a test moves forward instead of waiting; it starts at the real time. */
export class MovableClock implements Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}
