import type { ClusterInfo } from '../../model/cluster.js';
import { P } from '../../model/permissions.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';

/** The live nodes of the cluster; the cluster layer provides it when several nodes run. */
export interface ClusterDirectory {
  liveNodes(): Promise<ClusterInfo[]>;
}

/** What an administrator may learn about the cluster. */
export class ClusterService {
  constructor(private readonly deps: { permissions: Permissions; directory: ClusterDirectory | undefined }) {}

  /**
   * GET /cluster/status: the live nodes; empty when the server runs alone, as in Mattermost.
   * @throws AppError 403 without sysconsole_read_environment_high_availability
   */
  async getClusterStatus(ctx: RequestContext): Promise<ClusterInfo[]> {
    this.deps.permissions.require(ctx, P.sysconsoleReadEnvironmentHighAvailability);
    return this.deps.directory ? this.deps.directory.liveNodes() : [];
  }
}
