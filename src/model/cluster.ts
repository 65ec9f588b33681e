/** One node of a cluster as Mattermost's GET /cluster/status shows it. */
export interface ClusterInfo {
  id: string;
  version: string;
  schema_version: string;
  config_hash: string;
  ipaddress: string;
  hostname: string;
}
