import type { Redis } from 'ioredis';
import type { ClusterInfo } from '../model/cluster.js';

interface Heartbeat extends ClusterInfo {
  last_ping: number;
}

/** A node is gone after this many heartbeats without news. */
const MISSED_BEATS = 3;

/**
 * Which nodes are alive: each node writes a heartbeat into one Redis hash; a node silent for three
 * beats is gone, and one surviving node (whichever takes the clean-up lock first) clears up after
 * it. This is also the cluster directory behind GET /cluster/status.
 */
export class NodeRegistry {
  private live: ReadonlySet<string>;
  private timer: NodeJS.Timeout | undefined;
  private readonly key: string;

  constructor(
    private readonly deps: {
      redis: Redis;
      prefix: string;
      heartbeatMs: number;
      self: () => ClusterInfo;
      /** Clears up after a node that died; runs on exactly one surviving node. */
      onNodeGone: (nodeId: string) => Promise<void>;
      logError: (message: string, error: unknown) => void;
    },
  ) {
    this.key = `${deps.prefix}:nodes`;
    this.live = new Set([deps.self().id]);
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch((error: unknown) => this.deps.logError('cluster heartbeat failed', error)), this.deps.heartbeatMs);
    this.timer.unref();
  }

  /** The ids of the nodes alive at the last heartbeat (this one included). */
  liveNodeIds(): ReadonlySet<string> {
    return this.live;
  }

  async liveNodes(): Promise<ClusterInfo[]> {
    const { alive } = await this.read(Date.now());
    return alive.map(({ last_ping: _ping, ...info }) => info);
  }

  /** Leaves the cluster (a clean shutdown): the others stop counting this node at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.deps.redis.hdel(this.key, this.deps.self().id);
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    const self: Heartbeat = { ...this.deps.self(), last_ping: now };
    await this.deps.redis.hset(this.key, self.id, JSON.stringify(self));
    const { alive, gone } = await this.read(now);
    this.live = new Set(alive.map((node) => node.id));
    for (const nodeId of gone) {
      const lock = await this.deps.redis.set(`${this.deps.prefix}:cleanup:${nodeId}`, self.id, 'PX', 60_000, 'NX');
      if (lock !== 'OK') continue;
      await this.deps.onNodeGone(nodeId);
      await this.deps.redis.hdel(this.key, nodeId);
    }
  }

  private async read(now: number): Promise<{ alive: Heartbeat[]; gone: string[] }> {
    const entries = await this.deps.redis.hgetall(this.key);
    const alive: Heartbeat[] = [];
    const gone: string[] = [];
    for (const [nodeId, text] of Object.entries(entries)) {
      const beat = parseHeartbeat(text);
      if (beat && now - beat.last_ping <= this.deps.heartbeatMs * MISSED_BEATS) alive.push(beat);
      else gone.push(nodeId);
    }
    alive.sort((a, b) => a.id.localeCompare(b.id));
    return { alive, gone };
  }
}

function parseHeartbeat(text: string): Heartbeat | undefined {
  try {
    const value = JSON.parse(text) as Partial<Heartbeat>;
    return typeof value.id === 'string' && typeof value.last_ping === 'number' ? (value as Heartbeat) : undefined;
  } catch {
    return undefined;
  }
}
