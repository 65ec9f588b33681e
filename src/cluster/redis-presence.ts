import type { Redis } from 'ioredis';

/**
 * How many sockets each user has on each node, in Redis: one hash per user (node id to count) and
 * one set per node (its users), so that the users of a node that died can be found and cleared.
 */
export class RedisPresence {
  constructor(private readonly deps: { redis: Redis; prefix: string; nodeId: string; liveNodeIds: () => ReadonlySet<string> }) {}

  async setLocalCount(userId: string, count: number): Promise<void> {
    const { redis, nodeId } = this.deps;
    const transaction = redis.multi();
    if (count > 0) transaction.hset(this.userKey(userId), nodeId, count).sadd(this.nodeKey(nodeId), userId);
    else transaction.hdel(this.userKey(userId), nodeId).srem(this.nodeKey(nodeId), userId);
    await transaction.exec();
  }

  /** Sockets of the user on the other nodes that are alive. */
  async countElsewhere(userId: string): Promise<number> {
    return this.count(userId, (node) => node !== this.deps.nodeId);
  }

  /** Forgets a dead node's sockets; returns the users who now have none anywhere. */
  async forgetNode(deadNodeId: string): Promise<string[]> {
    const users = await this.deps.redis.smembers(this.nodeKey(deadNodeId));
    const gone: string[] = [];
    for (const userId of users) {
      await this.deps.redis.hdel(this.userKey(userId), deadNodeId);
      if ((await this.count(userId, (node) => node !== deadNodeId)) === 0) gone.push(userId);
    }
    await this.deps.redis.del(this.nodeKey(deadNodeId));
    return gone;
  }

  private async count(userId: string, include: (nodeId: string) => boolean): Promise<number> {
    const live = this.deps.liveNodeIds();
    const perNode = await this.deps.redis.hgetall(this.userKey(userId));
    let total = 0;
    for (const [nodeId, count] of Object.entries(perNode)) if (include(nodeId) && live.has(nodeId)) total += Number(count) || 0;
    return total;
  }

  private userKey(userId: string): string {
    return `${this.deps.prefix}:presence:${userId}`;
  }

  private nodeKey(nodeId: string): string {
    return `${this.deps.prefix}:node-users:${nodeId}`;
  }
}
