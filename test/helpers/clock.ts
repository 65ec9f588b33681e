import type { Clock } from '../../src/lib/clock.js';

/** A clock tests move by hand (session expiry, idle timeouts, MFA steps); starts at the real time. */
export class TestClock implements Clock {
  private current: number;

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

/** The same clock under the name the realtime tests use. */
export { TestClock as ManualClock };

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
