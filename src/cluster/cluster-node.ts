import { hostname, networkInterfaces } from 'node:os';
import { Redis } from 'ioredis';
import type { EventBus } from '../events/event-bus.js';
import type { ClusterInfo } from '../model/cluster.js';
import { newId } from '../model/ids.js';
import { MATTERMOST_COMPAT_VERSION } from '../version.js';
import type { ClusterOptions } from './cluster-options.js';
import { NodeRegistry } from './node-registry.js';
import { RedisEventTransport } from './redis-event-transport.js';
import { RedisPresence } from './redis-presence.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';

export interface ClusterNodeDeps {
  options: ClusterOptions;
  bus: EventBus;
  /** The newest database migration, reported as the node's schema version. */
  schemaVersion: string;
  /** The hash of the node's config, reported so that differing configs show. */
  configHash: () => string;
  /** Users left without any socket after a node died (to be marked offline). */
  usersGone: (userIds: string[]) => Promise<void>;
  logError: (message: string, error: unknown) => void;
}

/**
 * This process as one node of a cluster: a node id, the event transport to and from the other
 * nodes, heartbeats, shared presence and shared rate limits, all over one Redis. Nodes share the
 * database too; nothing one node needs is kept only in another.
 */
export class ClusterNode {
  readonly nodeId = newId();
  readonly registry: NodeRegistry;
  readonly presence: RedisPresence;
  readonly rateLimits: RedisRateLimitStore;
  private readonly transport: RedisEventTransport;

  private constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    deps: ClusterNodeDeps,
  ) {
    const { prefix, heartbeatMs } = deps.options;
    this.registry = new NodeRegistry({
      redis: commands,
      prefix,
      heartbeatMs,
      self: () => this.describe(deps),
      onNodeGone: async (nodeId) => deps.usersGone(await this.presence.forgetNode(nodeId)),
      logError: deps.logError,
    });
    this.presence = new RedisPresence({ redis: commands, prefix, nodeId: this.nodeId, liveNodeIds: () => this.registry.liveNodeIds() });
    this.rateLimits = new RedisRateLimitStore(commands, prefix);
    this.transport = new RedisEventTransport({ publisher: commands, subscriber, bus: deps.bus, nodeId: this.nodeId, prefix, logError: deps.logError });
  }

  /** What GET /cluster/status shows of this node. */
  describe(deps: Pick<ClusterNodeDeps, 'schemaVersion' | 'configHash'>): ClusterInfo {
    return {
      id: this.nodeId,
      version: MATTERMOST_COMPAT_VERSION,
      schema_version: deps.schemaVersion,
      config_hash: deps.configHash(),
      ipaddress: primaryAddress(),
      hostname: hostname(),
    };
  }

  /** Connects to Redis and joins the cluster. @throws Error when Redis cannot be reached. */
  static async start(deps: ClusterNodeDeps): Promise<ClusterNode> {
    const connect = async (): Promise<Redis> => {
      const redis = new Redis(deps.options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
      redis.on('error', (error: unknown) => deps.logError('redis connection error', error));
      await redis.connect();
      return redis;
    };
    const node = new ClusterNode(await connect(), await connect(), deps);
    await node.transport.start();
    await node.registry.start();
    return node;
  }

  /** Leaves the cluster and closes the Redis connections. */
  async stop(): Promise<void> {
    await this.transport.stop();
    await this.registry.stop().catch(() => undefined);
    await Promise.all([this.commands.quit(), this.subscriber.quit()]).catch(() => undefined);
  }
}

/** The first external IPv4 address, as Mattermost reports a node's address. */
function primaryAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '';
}
