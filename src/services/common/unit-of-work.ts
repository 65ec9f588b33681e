import type { DomainEvent } from '../../events/domain-events.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Store } from '../../store/store.js';

export type Emit = (event: DomainEvent) => void;

/**
 * Runs writes in one transaction and publishes the events they recorded only after the commit, so
 * a rolled-back change never reaches a WebSocket or another node.
 */
export class UnitOfWork {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
  ) {}

  async run<T>(work: (tx: Store, emit: Emit) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    const result = await this.store.transaction((tx) => work(tx, (e) => events.push(e)));
    if (events.length) this.bus.publish(events);
    return result;
  }

  /** Publishes events for work that needed no transaction (a single statement). */
  publish(...events: DomainEvent[]): void {
    if (events.length) this.bus.publish(events);
  }
}
