import type { Redis } from 'ioredis';
import type { DomainEvent } from '../events/domain-events.js';
import type { EventBus } from '../events/event-bus.js';

interface Envelope {
  node: string;
  event: DomainEvent;
}

/**
 * Carries domain events between nodes over Redis pub/sub: what this node publishes goes out on one
 * channel (in order, over one connection), and what the others publish comes back into the local
 * bus as remote events (delivered here, never forwarded again).
 */
export class RedisEventTransport {
  private readonly channel: string;
  private stopForwarding: (() => void) | undefined;

  constructor(
    private readonly deps: { publisher: Redis; subscriber: Redis; bus: EventBus; nodeId: string; prefix: string; logError: (message: string, error: unknown) => void },
  ) {
    this.channel = `${deps.prefix}:events`;
  }

  async start(): Promise<void> {
    this.deps.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.receive(text);
    });
    await this.deps.subscriber.subscribe(this.channel);
    this.stopForwarding = this.deps.bus.forwardTo((event) => {
      const envelope: Envelope = { node: this.deps.nodeId, event };
      this.deps.publisher.publish(this.channel, JSON.stringify(envelope)).catch((error: unknown) => this.deps.logError('event not sent to the cluster', error));
    });
  }

  async stop(): Promise<void> {
    this.stopForwarding?.();
    await this.deps.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }

  private receive(text: string): void {
    let envelope: Partial<Envelope>;
    try {
      envelope = JSON.parse(text) as Partial<Envelope>;
    } catch (error) {
      this.deps.logError('unreadable cluster message', error);
      return;
    }
    if (envelope.node === this.deps.nodeId || typeof envelope.event?.type !== 'string') return;
    this.deps.bus.deliverRemote(envelope.event);
  }
}
