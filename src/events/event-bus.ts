import type { DomainEvent } from './domain-events.js';

export type EventHandler = (event: DomainEvent) => void;

/**
 * Delivers domain events to in-process subscribers. A cluster transport (Redis) can forward what is
 * published here to other nodes and feed their events back through `deliverRemote`.
 */
export class EventBus {
  private readonly handlers = new Set<EventHandler>();
  private readonly localHandlers = new Set<EventHandler>();
  private readonly remoteForwarders = new Set<EventHandler>();

  /** Every event, whichever node caused it: for caches and client delivery. */
  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /**
   * Events caused on this node only: for side effects that must happen once in a cluster (the node
   * that caused the event does them), such as marking a deactivated user offline.
   */
  subscribeLocal(handler: EventHandler): () => void {
    this.localHandlers.add(handler);
    return () => this.localHandlers.delete(handler);
  }

  /** Registers a sink for locally caused events only (the cluster publisher). */
  forwardTo(forwarder: EventHandler): () => void {
    this.remoteForwarders.add(forwarder);
    return () => this.remoteForwarders.delete(forwarder);
  }

  /** Publishes events caused on this node: local subscribers and cluster forwarders see them. */
  publish(events: readonly DomainEvent[]): void {
    for (const e of events) {
      this.deliver(e);
      for (const handler of this.localHandlers) safely(handler, e);
      for (const forward of this.remoteForwarders) safely(forward, e);
    }
  }

  /** Delivers an event that another node caused (never forwarded again). */
  deliverRemote(e: DomainEvent): void {
    this.deliver(e);
  }

  private deliver(e: DomainEvent): void {
    for (const handler of this.handlers) safely(handler, e);
  }
}

// One failing subscriber must neither stop the others nor fail the request that caused the event.
function safely(handler: EventHandler, e: DomainEvent): void {
  try {
    handler(e);
  } catch (error) {
    process.emitWarning(`event handler failed for ${e.type}: ${String(error)}`);
  }
}
