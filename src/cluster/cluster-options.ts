/** How a node joins the others: one Redis shared by all nodes of one cluster. */
export interface ClusterOptions {
  redisUrl: string;
  /** Prefix of every Redis key and channel, so several clusters (or test runs) can share a Redis. */
  prefix: string;
  /** How often a node says it is alive; three missed beats and the others consider it gone. */
  heartbeatMs: number;
}

/**
 * The cluster settings from the environment: REDIS_URL (required to cluster), PARLEY_REDIS_PREFIX
 * and PARLEY_CLUSTER_HEARTBEAT_MS. Undefined without REDIS_URL: the node runs alone.
 */
export function clusterOptionsFromEnv(env: NodeJS.ProcessEnv): ClusterOptions | undefined {
  const redisUrl = env['REDIS_URL'];
  if (!redisUrl) return undefined;
  const heartbeat = Number.parseInt(env['PARLEY_CLUSTER_HEARTBEAT_MS'] ?? '', 10);
  return {
    redisUrl,
    prefix: env['PARLEY_REDIS_PREFIX'] || 'parley',
    heartbeatMs: Number.isFinite(heartbeat) && heartbeat > 0 ? heartbeat : 5_000,
  };
}
