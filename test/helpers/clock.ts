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
