/**
 * Mattermost's permission catalogue and the built-in roles exactly as a fresh install of the
 * current Mattermost server stores them after its first start.
 *
 * The role table is NOT Mattermost's compiled role defaults alone: on first start the server
 * saves those defaults and then runs every "permissions migration" over them (they are not
 * skipped on an empty database), which adds a fair number of permissions, e.g. `create_post`
 * and `use_group_mentions` for team and channel admins, `create_emojis` for `system_user`,
 * playbook creation for `team_user`. Each role below is written as "compiled default" plus
 * "added on first start" so the two sources stay visible. See docs/notes/permissions-source.md.
 *
 * Mattermost ids and i18n keys (display names / descriptions) are wire-level identifiers that
 * clients see and must not be renamed.
 */

export type PermissionScope = 'system_scope' | 'team_scope' | 'channel_scope' | 'group_scope' | 'playbook_scope' | 'run_scope';

export interface PermissionInfo {
  id: string;
  scope: PermissionScope;
}

// ---------------------------------------------------------------------------------------------
// Permission ids, grouped the way Mattermost assembles its list of every permission.
// Key = camelCase of the id. Order inside each group follows Mattermost's own list.
// Wiki/page ids (create_wiki … comment_page) are the newest additions upstream.
// ---------------------------------------------------------------------------------------------

const SYSTEM_SCOPED = {
  assignSystemAdminRole: 'assign_system_admin_role',
  manageRoles: 'manage_roles',
  manageSystem: 'manage_system',
  createDirectChannel: 'create_direct_channel',
  createGroupChannel: 'create_group_channel',
  listPublicTeams: 'list_public_teams',
  joinPublicTeams: 'join_public_teams',
  listPrivateTeams: 'list_private_teams',
  joinPrivateTeams: 'join_private_teams',
  editOtherUsers: 'edit_other_users',
  readOtherUsersTeams: 'read_other_users_teams',
  getPublicLink: 'get_public_link',
  manageSystemWideOauth: 'manage_system_wide_oauth',
  manageOauth: 'manage_oauth',
  createTeam: 'create_team',
  listUsersWithoutTeam: 'list_users_without_team',
  createUserAccessToken: 'create_user_access_token',
  readUserAccessToken: 'read_user_access_token',
  revokeUserAccessToken: 'revoke_user_access_token',
  createBot: 'create_bot',
  assignBot: 'assign_bot',
  readBots: 'read_bots',
  readOthersBots: 'read_others_bots',
  manageBots: 'manage_bots',
  manageOthersBots: 'manage_others_bots',
  readJobs: 'read_jobs',
  manageJobs: 'manage_jobs',
  promoteGuest: 'promote_guest',
  demoteToGuest: 'demote_to_guest',
  editBrand: 'edit_brand',
  manageSharedChannels: 'manage_shared_channels',
  manageSecureConnections: 'manage_secure_connections',
  downloadComplianceExportResult: 'download_compliance_export_result',
  createDataRetentionJob: 'create_data_retention_job',
  manageDataRetentionJob: 'manage_data_retention_job',
  readDataRetentionJob: 'read_data_retention_job',
  createComplianceExportJob: 'create_compliance_export_job',
  manageComplianceExportJob: 'manage_compliance_export_job',
  readComplianceExportJob: 'read_compliance_export_job',
  readAudits: 'read_audits',
  testSiteUrl: 'test_site_url',
  testElasticsearch: 'test_elasticsearch',
  testS3: 'test_s3',
  reloadConfig: 'reload_config',
  invalidateCaches: 'invalidate_caches',
  recycleDatabaseConnections: 'recycle_database_connections',
  purgeElasticsearchIndexes: 'purge_elasticsearch_indexes',
  testEmail: 'test_email',
  createElasticsearchPostIndexingJob: 'create_elasticsearch_post_indexing_job',
  manageElasticsearchPostIndexingJob: 'manage_elasticsearch_post_indexing_job',
  createElasticsearchPostAggregationJob: 'create_elasticsearch_post_aggregation_job',
  manageElasticsearchPostAggregationJob: 'manage_elasticsearch_post_aggregation_job',
  readElasticsearchPostIndexingJob: 'read_elasticsearch_post_indexing_job',
  readElasticsearchPostAggregationJob: 'read_elasticsearch_post_aggregation_job',
  createLdapSyncJob: 'create_ldap_sync_job',
  manageLdapSyncJob: 'manage_ldap_sync_job',
  readLdapSyncJob: 'read_ldap_sync_job',
  testLdap: 'test_ldap',
  invalidateEmailInvite: 'invalidate_email_invite',
  getSamlMetadataFromIdp: 'get_saml_metadata_from_idp',
  addSamlPublicCert: 'add_saml_public_cert',
  addSamlPrivateCert: 'add_saml_private_cert',
  addSamlIdpCert: 'add_saml_idp_cert',
  removeSamlPublicCert: 'remove_saml_public_cert',
  removeSamlPrivateCert: 'remove_saml_private_cert',
  removeSamlIdpCert: 'remove_saml_idp_cert',
  getSamlCertStatus: 'get_saml_cert_status',
  addLdapPublicCert: 'add_ldap_public_cert',
  addLdapPrivateCert: 'add_ldap_private_cert',
  removeLdapPublicCert: 'remove_ldap_public_cert',
  removeLdapPrivateCert: 'remove_ldap_private_cert',
  getAnalytics: 'get_analytics',
  getLogs: 'get_logs',
  readLicenseInformation: 'read_license_information',
  manageLicenseInformation: 'manage_license_information',
  createCustomGroup: 'create_custom_group',
  manageOutgoingOauthConnections: 'manage_outgoing_oauth_connections',
  manageOwnAgent: 'manage_own_agent',
  manageOthersAgent: 'manage_others_agent',
} as const;

const TEAM_SCOPED = {
  inviteUser: 'invite_user',
  addUserToTeam: 'add_user_to_team',
  manageOwnSlashCommands: 'manage_own_slash_commands',
  manageOthersSlashCommands: 'manage_others_slash_commands',
  createPublicChannel: 'create_public_channel',
  createPrivateChannel: 'create_private_channel',
  manageTeamRoles: 'manage_team_roles',
  manageTeamAccessRules: 'manage_team_access_rules',
  listTeamChannels: 'list_team_channels',
  joinPublicChannels: 'join_public_channels',
  readPublicChannel: 'read_public_channel',
  manageOwnIncomingWebhooks: 'manage_own_incoming_webhooks',
  manageOwnOutgoingWebhooks: 'manage_own_outgoing_webhooks',
  manageOthersIncomingWebhooks: 'manage_others_incoming_webhooks',
  manageOthersOutgoingWebhooks: 'manage_others_outgoing_webhooks',
  bypassIncomingWebhookChannelLock: 'bypass_incoming_webhook_channel_lock',
  createEmojis: 'create_emojis',
  deleteEmojis: 'delete_emojis',
  deleteOthersEmojis: 'delete_others_emojis',
  removeUserFromTeam: 'remove_user_from_team',
  manageTeam: 'manage_team',
  importTeam: 'import_team',
  viewTeam: 'view_team',
  viewMembers: 'view_members',
  inviteGuest: 'invite_guest',
  playbookPublicCreate: 'playbook_public_create',
  playbookPrivateCreate: 'playbook_private_create',
  createWiki: 'create_wiki',
  manageWiki: 'manage_wiki',
  readWiki: 'read_wiki',
  deleteWiki: 'delete_wiki',
  adminWiki: 'admin_wiki',
  createPage: 'create_page',
  readPage: 'read_page',
  editPage: 'edit_page',
  editOwnPage: 'edit_own_page',
  deleteOwnPage: 'delete_own_page',
  deletePage: 'delete_page',
  commentPage: 'comment_page',
} as const;

const CHANNEL_SCOPED = {
  useSlashCommands: 'use_slash_commands',
  managePublicChannelMembers: 'manage_public_channel_members',
  managePrivateChannelMembers: 'manage_private_channel_members',
  manageChannelRoles: 'manage_channel_roles',
  managePublicChannelProperties: 'manage_public_channel_properties',
  managePrivateChannelProperties: 'manage_private_channel_properties',
  managePublicChannelAutoTranslation: 'manage_public_channel_auto_translation',
  managePrivateChannelAutoTranslation: 'manage_private_channel_auto_translation',
  convertPublicChannelToPrivate: 'convert_public_channel_to_private',
  convertPrivateChannelToPublic: 'convert_private_channel_to_public',
  deletePublicChannel: 'delete_public_channel',
  deletePrivateChannel: 'delete_private_channel',
  readChannel: 'read_channel',
  readChannelContent: 'read_channel_content',
  readPublicChannelGroups: 'read_public_channel_groups',
  readPrivateChannelGroups: 'read_private_channel_groups',
  addReaction: 'add_reaction',
  removeReaction: 'remove_reaction',
  removeOthersReactions: 'remove_others_reactions',
  uploadFile: 'upload_file',
  createPost: 'create_post',
  createPostPublic: 'create_post_public',
  createPostEphemeral: 'create_post_ephemeral',
  readDeletedPosts: 'read_deleted_posts',
  editPost: 'edit_post',
  editOthersPosts: 'edit_others_posts',
  deletePost: 'delete_post',
  deleteOthersPosts: 'delete_others_posts',
  useChannelMentions: 'use_channel_mentions',
  useGroupMentions: 'use_group_mentions',
  addBookmarkPublicChannel: 'add_bookmark_public_channel',
  editBookmarkPublicChannel: 'edit_bookmark_public_channel',
  deleteBookmarkPublicChannel: 'delete_bookmark_public_channel',
  orderBookmarkPublicChannel: 'order_bookmark_public_channel',
  addBookmarkPrivateChannel: 'add_bookmark_private_channel',
  editBookmarkPrivateChannel: 'edit_bookmark_private_channel',
  deleteBookmarkPrivateChannel: 'delete_bookmark_private_channel',
  orderBookmarkPrivateChannel: 'order_bookmark_private_channel',
  managePublicChannelBanner: 'manage_public_channel_banner',
  managePrivateChannelBanner: 'manage_private_channel_banner',
  manageChannelAccessRules: 'manage_channel_access_rules',
  editFileAttachment: 'edit_file_attachment',
} as const;

const SYSCONSOLE_READ = {
  sysconsoleReadAboutEditionAndLicense: 'sysconsole_read_about_edition_and_license',
  sysconsoleReadBilling: 'sysconsole_read_billing',
  sysconsoleReadReportingSiteStatistics: 'sysconsole_read_reporting_site_statistics',
  sysconsoleReadReportingTeamStatistics: 'sysconsole_read_reporting_team_statistics',
  sysconsoleReadReportingServerLogs: 'sysconsole_read_reporting_server_logs',
  sysconsoleReadUserManagementUsers: 'sysconsole_read_user_management_users',
  sysconsoleReadUserManagementGroups: 'sysconsole_read_user_management_groups',
  sysconsoleReadUserManagementTeams: 'sysconsole_read_user_management_teams',
  sysconsoleReadUserManagementChannels: 'sysconsole_read_user_management_channels',
  sysconsoleReadUserManagementPermissions: 'sysconsole_read_user_management_permissions',
  sysconsoleReadUserManagementSystemRoles: 'sysconsole_read_user_management_system_roles',
  sysconsoleReadEnvironmentWebServer: 'sysconsole_read_environment_web_server',
  sysconsoleReadEnvironmentDatabase: 'sysconsole_read_environment_database',
  sysconsoleReadEnvironmentElasticsearch: 'sysconsole_read_environment_elasticsearch',
  sysconsoleReadEnvironmentFileStorage: 'sysconsole_read_environment_file_storage',
  sysconsoleReadEnvironmentImageProxy: 'sysconsole_read_environment_image_proxy',
  sysconsoleReadEnvironmentSmtp: 'sysconsole_read_environment_smtp',
  sysconsoleReadEnvironmentPushNotificationServer: 'sysconsole_read_environment_push_notification_server',
  sysconsoleReadEnvironmentHighAvailability: 'sysconsole_read_environment_high_availability',
  sysconsoleReadEnvironmentRateLimiting: 'sysconsole_read_environment_rate_limiting',
  sysconsoleReadEnvironmentLogging: 'sysconsole_read_environment_logging',
  sysconsoleReadEnvironmentSessionLengths: 'sysconsole_read_environment_session_lengths',
  sysconsoleReadEnvironmentPerformanceMonitoring: 'sysconsole_read_environment_performance_monitoring',
  sysconsoleReadEnvironmentDeveloper: 'sysconsole_read_environment_developer',
  sysconsoleReadEnvironmentMobileSecurity: 'sysconsole_read_environment_mobile_security',
  sysconsoleReadSiteCustomization: 'sysconsole_read_site_customization',
  sysconsoleReadSiteLocalization: 'sysconsole_read_site_localization',
  sysconsoleReadSiteUsersAndTeams: 'sysconsole_read_site_users_and_teams',
  sysconsoleReadSiteNotifications: 'sysconsole_read_site_notifications',
  sysconsoleReadSiteAnnouncementBanner: 'sysconsole_read_site_announcement_banner',
  sysconsoleReadSiteEmoji: 'sysconsole_read_site_emoji',
  sysconsoleReadSitePosts: 'sysconsole_read_site_posts',
  sysconsoleReadSiteFileSharingAndDownloads: 'sysconsole_read_site_file_sharing_and_downloads',
  sysconsoleReadSitePublicLinks: 'sysconsole_read_site_public_links',
  sysconsoleReadSiteNotices: 'sysconsole_read_site_notices',
  sysconsoleReadAuthenticationSignup: 'sysconsole_read_authentication_signup',
  sysconsoleReadAuthenticationEmail: 'sysconsole_read_authentication_email',
  sysconsoleReadAuthenticationPassword: 'sysconsole_read_authentication_password',
  sysconsoleReadAuthenticationMfa: 'sysconsole_read_authentication_mfa',
  sysconsoleReadAuthenticationLdap: 'sysconsole_read_authentication_ldap',
  sysconsoleReadAuthenticationSaml: 'sysconsole_read_authentication_saml',
  sysconsoleReadAuthenticationOpenid: 'sysconsole_read_authentication_openid',
  sysconsoleReadAuthenticationGuestAccess: 'sysconsole_read_authentication_guest_access',
  sysconsoleReadPlugins: 'sysconsole_read_plugins',
  sysconsoleReadIntegrationsIntegrationManagement: 'sysconsole_read_integrations_integration_management',
  sysconsoleReadIntegrationsBotAccounts: 'sysconsole_read_integrations_bot_accounts',
  sysconsoleReadIntegrationsGif: 'sysconsole_read_integrations_gif',
  sysconsoleReadIntegrationsCors: 'sysconsole_read_integrations_cors',
  sysconsoleReadComplianceDataRetentionPolicy: 'sysconsole_read_compliance_data_retention_policy',
  sysconsoleReadComplianceComplianceExport: 'sysconsole_read_compliance_compliance_export',
  sysconsoleReadComplianceComplianceMonitoring: 'sysconsole_read_compliance_compliance_monitoring',
  sysconsoleReadComplianceCustomTermsOfService: 'sysconsole_read_compliance_custom_terms_of_service',
  sysconsoleReadExperimentalFeatures: 'sysconsole_read_experimental_features',
  sysconsoleReadExperimentalFeatureFlags: 'sysconsole_read_experimental_feature_flags',
  sysconsoleReadProductsBoards: 'sysconsole_read_products_boards',
  sysconsoleReadSiteIpFilters: 'sysconsole_read_site_ip_filters',
} as const;

const SYSCONSOLE_WRITE = {
  sysconsoleWriteAboutEditionAndLicense: 'sysconsole_write_about_edition_and_license',
  sysconsoleWriteBilling: 'sysconsole_write_billing',
  sysconsoleWriteReportingSiteStatistics: 'sysconsole_write_reporting_site_statistics',
  sysconsoleWriteReportingTeamStatistics: 'sysconsole_write_reporting_team_statistics',
  sysconsoleWriteReportingServerLogs: 'sysconsole_write_reporting_server_logs',
  sysconsoleWriteUserManagementUsers: 'sysconsole_write_user_management_users',
  sysconsoleWriteUserManagementGroups: 'sysconsole_write_user_management_groups',
  sysconsoleWriteUserManagementTeams: 'sysconsole_write_user_management_teams',
  sysconsoleWriteUserManagementChannels: 'sysconsole_write_user_management_channels',
  sysconsoleWriteUserManagementPermissions: 'sysconsole_write_user_management_permissions',
  sysconsoleWriteUserManagementSystemRoles: 'sysconsole_write_user_management_system_roles',
  sysconsoleWriteEnvironmentWebServer: 'sysconsole_write_environment_web_server',
  sysconsoleWriteEnvironmentDatabase: 'sysconsole_write_environment_database',
  sysconsoleWriteEnvironmentElasticsearch: 'sysconsole_write_environment_elasticsearch',
  sysconsoleWriteEnvironmentFileStorage: 'sysconsole_write_environment_file_storage',
  sysconsoleWriteEnvironmentImageProxy: 'sysconsole_write_environment_image_proxy',
  sysconsoleWriteEnvironmentSmtp: 'sysconsole_write_environment_smtp',
  sysconsoleWriteEnvironmentPushNotificationServer: 'sysconsole_write_environment_push_notification_server',
  sysconsoleWriteEnvironmentHighAvailability: 'sysconsole_write_environment_high_availability',
  sysconsoleWriteEnvironmentRateLimiting: 'sysconsole_write_environment_rate_limiting',
  sysconsoleWriteEnvironmentLogging: 'sysconsole_write_environment_logging',
  sysconsoleWriteEnvironmentSessionLengths: 'sysconsole_write_environment_session_lengths',
  sysconsoleWriteEnvironmentPerformanceMonitoring: 'sysconsole_write_environment_performance_monitoring',
  sysconsoleWriteEnvironmentDeveloper: 'sysconsole_write_environment_developer',
  sysconsoleWriteEnvironmentMobileSecurity: 'sysconsole_write_environment_mobile_security',
  sysconsoleWriteSiteCustomization: 'sysconsole_write_site_customization',
  sysconsoleWriteSiteLocalization: 'sysconsole_write_site_localization',
  sysconsoleWriteSiteUsersAndTeams: 'sysconsole_write_site_users_and_teams',
  sysconsoleWriteSiteNotifications: 'sysconsole_write_site_notifications',
  sysconsoleWriteSiteAnnouncementBanner: 'sysconsole_write_site_announcement_banner',
  sysconsoleWriteSiteEmoji: 'sysconsole_write_site_emoji',
  sysconsoleWriteSitePosts: 'sysconsole_write_site_posts',
  sysconsoleWriteSiteFileSharingAndDownloads: 'sysconsole_write_site_file_sharing_and_downloads',
  sysconsoleWriteSitePublicLinks: 'sysconsole_write_site_public_links',
  sysconsoleWriteSiteNotices: 'sysconsole_write_site_notices',
  sysconsoleWriteAuthenticationSignup: 'sysconsole_write_authentication_signup',
  sysconsoleWriteAuthenticationEmail: 'sysconsole_write_authentication_email',
  sysconsoleWriteAuthenticationPassword: 'sysconsole_write_authentication_password',
  sysconsoleWriteAuthenticationMfa: 'sysconsole_write_authentication_mfa',
  sysconsoleWriteAuthenticationLdap: 'sysconsole_write_authentication_ldap',
  sysconsoleWriteAuthenticationSaml: 'sysconsole_write_authentication_saml',
  sysconsoleWriteAuthenticationOpenid: 'sysconsole_write_authentication_openid',
  sysconsoleWriteAuthenticationGuestAccess: 'sysconsole_write_authentication_guest_access',
  sysconsoleWritePlugins: 'sysconsole_write_plugins',
  sysconsoleWriteIntegrationsIntegrationManagement: 'sysconsole_write_integrations_integration_management',
  sysconsoleWriteIntegrationsBotAccounts: 'sysconsole_write_integrations_bot_accounts',
  sysconsoleWriteIntegrationsGif: 'sysconsole_write_integrations_gif',
  sysconsoleWriteIntegrationsCors: 'sysconsole_write_integrations_cors',
  sysconsoleWriteComplianceDataRetentionPolicy: 'sysconsole_write_compliance_data_retention_policy',
  sysconsoleWriteComplianceComplianceExport: 'sysconsole_write_compliance_compliance_export',
  sysconsoleWriteComplianceComplianceMonitoring: 'sysconsole_write_compliance_compliance_monitoring',
  sysconsoleWriteComplianceCustomTermsOfService: 'sysconsole_write_compliance_custom_terms_of_service',
  sysconsoleWriteExperimentalFeatures: 'sysconsole_write_experimental_features',
  sysconsoleWriteExperimentalFeatureFlags: 'sysconsole_write_experimental_feature_flags',
  sysconsoleWriteProductsBoards: 'sysconsole_write_products_boards',
  sysconsoleWriteSiteIpFilters: 'sysconsole_write_site_ip_filters',
} as const;

const GROUP_SCOPED = {
  manageCustomGroupMembers: 'manage_custom_group_members',
  editCustomGroup: 'edit_custom_group',
  deleteCustomGroup: 'delete_custom_group',
  restoreCustomGroup: 'restore_custom_group',
} as const;

const PLAYBOOK_SCOPED = {
  playbookPublicManageProperties: 'playbook_public_manage_properties',
  playbookPublicManageMembers: 'playbook_public_manage_members',
  playbookPublicManageRoles: 'playbook_public_manage_roles',
  playbookPublicView: 'playbook_public_view',
  playbookPublicMakePrivate: 'playbook_public_make_private',
  playbookPrivateManageProperties: 'playbook_private_manage_properties',
  playbookPrivateManageMembers: 'playbook_private_manage_members',
  playbookPrivateManageRoles: 'playbook_private_manage_roles',
  playbookPrivateView: 'playbook_private_view',
  playbookPrivateMakePublic: 'playbook_private_make_public',
  runCreate: 'run_create',
} as const;

const RUN_SCOPED = {
  runManageProperties: 'run_manage_properties',
  runManageMembers: 'run_manage_members',
  runView: 'run_view',
} as const;

/** Ids Mattermost no longer grants but still accepts in stored roles and role patches. */
const DEPRECATED = {
  permanentDeleteUser: 'permanent_delete_user',
  manageWebhooks: 'manage_webhooks',
  manageOthersWebhooks: 'manage_others_webhooks',
  manageIncomingWebhooks: 'manage_incoming_webhooks',
  manageOutgoingWebhooks: 'manage_outgoing_webhooks',
  manageSlashCommands: 'manage_slash_commands',
  manageEmojis: 'manage_emojis',
  manageOthersEmojis: 'manage_others_emojis',
  sysconsoleReadAuthentication: 'sysconsole_read_authentication',
  sysconsoleWriteAuthentication: 'sysconsole_write_authentication',
  sysconsoleReadSite: 'sysconsole_read_site',
  sysconsoleWriteSite: 'sysconsole_write_site',
  sysconsoleReadEnvironment: 'sysconsole_read_environment',
  sysconsoleWriteEnvironment: 'sysconsole_write_environment',
  sysconsoleReadReporting: 'sysconsole_read_reporting',
  sysconsoleWriteReporting: 'sysconsole_write_reporting',
  sysconsoleReadAbout: 'sysconsole_read_about',
  sysconsoleWriteAbout: 'sysconsole_write_about',
  sysconsoleReadExperimental: 'sysconsole_read_experimental',
  sysconsoleWriteExperimental: 'sysconsole_write_experimental',
  sysconsoleReadIntegrations: 'sysconsole_read_integrations',
  sysconsoleWriteIntegrations: 'sysconsole_write_integrations',
  sysconsoleReadCompliance: 'sysconsole_read_compliance',
  sysconsoleWriteCompliance: 'sysconsole_write_compliance',
  purgeBleveIndexes: 'purge_bleve_indexes',
  createPostBleveIndexesJob: 'create_post_bleve_indexes_job',
  managePostBleveIndexesJob: 'manage_post_bleve_indexes_job',
  sysconsoleReadExperimentalBleve: 'sysconsole_read_experimental_bleve',
  sysconsoleWriteExperimentalBleve: 'sysconsole_write_experimental_bleve',
} as const;

/**
 * Named permission ids for code to check: every permission Mattermost currently grants
 * (system console ones included), keyed by the camelCase form of the id.
 * Deprecated ids are deliberately absent (see DEPRECATED_PERMISSIONS).
 */
export const P = Object.freeze({
  ...SYSTEM_SCOPED,
  ...TEAM_SCOPED,
  ...CHANNEL_SCOPED,
  ...GROUP_SCOPED,
  ...PLAYBOOK_SCOPED,
  ...RUN_SCOPED,
  ...SYSCONSOLE_READ,
  ...SYSCONSOLE_WRITE,
});

/** Any current (non-deprecated) permission id. */
export type PermissionId = (typeof P)[keyof typeof P];

function scoped(ids: Record<string, string>, scope: PermissionScope): PermissionInfo[] {
  return Object.values(ids).map((id) => Object.freeze({ id, scope }));
}

/** Every permission id Mattermost knows, with its scope (its full list, system console included). */
export const ALL_PERMISSIONS: readonly PermissionInfo[] = Object.freeze([
  ...scoped(SYSTEM_SCOPED, 'system_scope'),
  ...scoped(TEAM_SCOPED, 'team_scope'),
  ...scoped(CHANNEL_SCOPED, 'channel_scope'),
  ...scoped(SYSCONSOLE_READ, 'system_scope'),
  ...scoped(SYSCONSOLE_WRITE, 'system_scope'),
  ...scoped(GROUP_SCOPED, 'group_scope'),
  ...scoped(PLAYBOOK_SCOPED, 'playbook_scope'),
  ...scoped(RUN_SCOPED, 'run_scope'),
]);

/** Deprecated ids still accepted in role patches. */
export const DEPRECATED_PERMISSIONS: readonly string[] = Object.freeze(Object.values(DEPRECATED));

/** System console "read" permissions, in Mattermost's order. */
export const SYSCONSOLE_READ_PERMISSIONS: readonly string[] = Object.freeze(Object.values(SYSCONSOLE_READ));
/** System console "write" permissions, in Mattermost's order. */
export const SYSCONSOLE_WRITE_PERMISSIONS: readonly string[] = Object.freeze(Object.values(SYSCONSOLE_WRITE));

const KNOWN_IDS: ReadonlySet<string> = new Set([...ALL_PERMISSIONS.map((p) => p.id), ...DEPRECATED_PERMISSIONS]);

/** True for any id Mattermost accepts in a role (current or deprecated). */
export function isKnownPermission(id: string): boolean {
  return KNOWN_IDS.has(id);
}

/**
 * Plain permissions a system console permission implies ("ancillary" permissions). Mattermost
 * expands these when it builds the admin-console roles; keep in step with its table.
 */
export const SYSCONSOLE_ANCILLARY_PERMISSIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  [P.sysconsoleReadAboutEditionAndLicense]: [P.readLicenseInformation],
  [P.sysconsoleWriteAboutEditionAndLicense]: [P.manageLicenseInformation],
  [P.sysconsoleReadUserManagementChannels]: [P.readPublicChannel, P.readChannel, P.readPublicChannelGroups, P.readPrivateChannelGroups],
  [P.sysconsoleReadUserManagementUsers]: [P.readOtherUsersTeams],
  [P.sysconsoleReadUserManagementTeams]: [P.listPrivateTeams, P.listPublicTeams, P.viewTeam],
  [P.sysconsoleReadEnvironmentElasticsearch]: [P.readElasticsearchPostIndexingJob, P.readElasticsearchPostAggregationJob],
  [P.sysconsoleWriteEnvironmentWebServer]: [P.testSiteUrl, P.reloadConfig, P.invalidateCaches],
  [P.sysconsoleWriteEnvironmentDatabase]: [P.recycleDatabaseConnections],
  [P.sysconsoleWriteEnvironmentElasticsearch]: [
    P.testElasticsearch,
    P.createElasticsearchPostIndexingJob,
    P.manageElasticsearchPostIndexingJob,
    P.createElasticsearchPostAggregationJob,
    P.manageElasticsearchPostAggregationJob,
    P.purgeElasticsearchIndexes,
  ],
  [P.sysconsoleWriteEnvironmentFileStorage]: [P.testS3],
  [P.sysconsoleWriteEnvironmentSmtp]: [P.testEmail],
  [P.sysconsoleReadReportingServerLogs]: [P.getLogs],
  [P.sysconsoleReadReportingSiteStatistics]: [P.getAnalytics],
  [P.sysconsoleReadReportingTeamStatistics]: [P.getAnalytics],
  [P.sysconsoleWriteUserManagementUsers]: [P.editOtherUsers, P.demoteToGuest, P.promoteGuest],
  [P.sysconsoleWriteUserManagementChannels]: [
    P.managePublicChannelProperties,
    P.managePrivateChannelProperties,
    P.managePublicChannelAutoTranslation,
    P.managePrivateChannelAutoTranslation,
    P.managePrivateChannelMembers,
    P.managePublicChannelMembers,
    P.deletePrivateChannel,
    P.deletePublicChannel,
    P.manageChannelRoles,
    P.convertPublicChannelToPrivate,
    P.convertPrivateChannelToPublic,
  ],
  [P.sysconsoleWriteUserManagementTeams]: [
    P.manageTeam,
    P.manageTeamRoles,
    P.removeUserFromTeam,
    P.joinPrivateTeams,
    P.joinPublicTeams,
    P.addUserToTeam,
  ],
  [P.sysconsoleWriteUserManagementGroups]: [
    P.managePrivateChannelMembers,
    P.managePublicChannelMembers,
    P.convertPublicChannelToPrivate,
    P.convertPrivateChannelToPublic,
  ],
  [P.sysconsoleWriteSiteCustomization]: [P.editBrand],
  [P.sysconsoleWriteComplianceDataRetentionPolicy]: [P.createDataRetentionJob, P.manageDataRetentionJob],
  [P.sysconsoleReadComplianceDataRetentionPolicy]: [P.readDataRetentionJob],
  [P.sysconsoleWriteComplianceComplianceExport]: [
    P.createComplianceExportJob,
    P.manageComplianceExportJob,
    P.downloadComplianceExportResult,
  ],
  [P.sysconsoleReadComplianceComplianceExport]: [P.readComplianceExportJob, P.downloadComplianceExportResult],
  [P.sysconsoleReadComplianceComplianceMonitoring]: [P.readAudits],
  [P.sysconsoleWriteAuthenticationLdap]: [
    P.createLdapSyncJob,
    P.manageLdapSyncJob,
    P.addLdapPublicCert,
    P.removeLdapPublicCert,
    P.addLdapPrivateCert,
    P.removeLdapPrivateCert,
  ],
  [P.sysconsoleReadAuthenticationLdap]: [P.testLdap, P.readLdapSyncJob],
  [P.sysconsoleWriteAuthenticationEmail]: [P.invalidateEmailInvite],
  [P.sysconsoleWriteAuthenticationSaml]: [
    P.getSamlMetadataFromIdp,
    P.addSamlPublicCert,
    P.addSamlPrivateCert,
    P.addSamlIdpCert,
    P.removeSamlPublicCert,
    P.removeSamlPrivateCert,
    P.removeSamlIdpCert,
    P.getSamlCertStatus,
  ],
});

/** Union of lists, first occurrence wins, so the result keeps a stable source order. */
function union(...lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}

/**
 * `permissions` followed by the ancillary permissions of the system console permissions it
 * holds (one level, as Mattermost does), without duplicates.
 */
export function addAncillaryPermissions(permissions: readonly string[]): string[] {
  return union(permissions, ...permissions.map((p) => SYSCONSOLE_ANCILLARY_PERMISSIONS[p] ?? []));
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

export const ROLE_NAMES = {
  systemAdmin: 'system_admin',
  systemUser: 'system_user',
  systemGuest: 'system_guest',
  systemUserAccessToken: 'system_user_access_token',
  systemPostAll: 'system_post_all',
  systemPostAllPublic: 'system_post_all_public',
  systemUserManager: 'system_user_manager',
  systemReadOnlyAdmin: 'system_read_only_admin',
  systemManager: 'system_manager',
  systemCustomGroupAdmin: 'system_custom_group_admin',
  systemSharedChannelManager: 'system_shared_channel_manager',
  teamAdmin: 'team_admin',
  teamUser: 'team_user',
  teamGuest: 'team_guest',
  teamPostAll: 'team_post_all',
  teamPostAllPublic: 'team_post_all_public',
  channelAdmin: 'channel_admin',
  channelUser: 'channel_user',
  channelGuest: 'channel_guest',
  customGroupUser: 'custom_group_user',
  playbookAdmin: 'playbook_admin',
  playbookMember: 'playbook_member',
  runAdmin: 'run_admin',
  runMember: 'run_member',
} as const;

export type BuiltInRoleName = (typeof ROLE_NAMES)[keyof typeof ROLE_NAMES];

/**
 * Built-in roles whose assignment is managed by schemes (Mattermost's BuiltInSchemeManagedRoleIDs:
 * they may not be handed out as "explicit roles"). Note custom_group_user and
 * system_custom_group_admin are not in it.
 */
export const BUILT_IN_SCHEME_MANAGED_ROLE_NAMES: readonly string[] = Object.freeze([
  ROLE_NAMES.systemGuest,
  ROLE_NAMES.systemUser,
  ROLE_NAMES.systemAdmin,
  ROLE_NAMES.systemPostAll,
  ROLE_NAMES.systemPostAllPublic,
  ROLE_NAMES.systemUserAccessToken,
  ROLE_NAMES.teamGuest,
  ROLE_NAMES.teamUser,
  ROLE_NAMES.teamAdmin,
  ROLE_NAMES.teamPostAll,
  ROLE_NAMES.teamPostAllPublic,
  ROLE_NAMES.channelGuest,
  ROLE_NAMES.channelUser,
  ROLE_NAMES.channelAdmin,
  ROLE_NAMES.customGroupUser,
  ROLE_NAMES.playbookAdmin,
  ROLE_NAMES.playbookMember,
  ROLE_NAMES.runAdmin,
  ROLE_NAMES.runMember,
  ROLE_NAMES.systemUserManager,
  ROLE_NAMES.systemReadOnlyAdmin,
  ROLE_NAMES.systemManager,
  ROLE_NAMES.systemSharedChannelManager,
]);

/** The admin-console roles added in later Mattermost versions (Mattermost's NewSystemRoleIDs). */
export const NEW_SYSTEM_ROLE_NAMES: readonly string[] = Object.freeze([
  ROLE_NAMES.systemUserManager,
  ROLE_NAMES.systemReadOnlyAdmin,
  ROLE_NAMES.systemManager,
  ROLE_NAMES.systemSharedChannelManager,
]);

/** Ids of every channel-scoped permission, in Mattermost's order. */
export const CHANNEL_SCOPED_PERMISSIONS: readonly string[] = Object.freeze(Object.values(CHANNEL_SCOPED));

/**
 * Channel permissions that channel moderation (channel schemes) may switch off for members and
 * guests, mapped to the name of the moderation they belong to.
 */
export const CHANNEL_MODERATED_PERMISSIONS: Readonly<Record<string, string>> = Object.freeze({
  [P.createPost]: 'create_post',
  [P.addReaction]: 'create_reactions',
  [P.removeReaction]: 'create_reactions',
  [P.managePublicChannelMembers]: 'manage_members',
  [P.managePrivateChannelMembers]: 'manage_members',
  [P.useChannelMentions]: 'use_channel_mentions',
  [P.addBookmarkPublicChannel]: 'manage_bookmarks',
  [P.editBookmarkPublicChannel]: 'manage_bookmarks',
  [P.deleteBookmarkPublicChannel]: 'manage_bookmarks',
  [P.orderBookmarkPublicChannel]: 'manage_bookmarks',
  [P.addBookmarkPrivateChannel]: 'manage_bookmarks',
  [P.editBookmarkPrivateChannel]: 'manage_bookmarks',
  [P.deleteBookmarkPrivateChannel]: 'manage_bookmarks',
  [P.orderBookmarkPrivateChannel]: 'manage_bookmarks',
});

export const ROLE_NAME_MAX_LENGTH = 64;
export const ROLE_DISPLAY_NAME_MAX_LENGTH = 128;
export const ROLE_DESCRIPTION_MAX_LENGTH = 1024;

/** Mattermost's rule: 1..64 characters, each a lowercase ASCII letter, a digit or `_`. */
export function isValidRoleName(name: string): boolean {
  return name.length > 0 && name.length <= ROLE_NAME_MAX_LENGTH && /^[a-z0-9_]+$/.test(name);
}

export interface DefaultRole {
  name: string;
  display_name: string;
  description: string;
  permissions: string[];
  scheme_managed: boolean;
  built_in: boolean;
}

// --- compiled defaults (Mattermost's MakeDefaultRoles) ----------------------------------------

const BOOKMARKS = [
  P.addBookmarkPublicChannel,
  P.editBookmarkPublicChannel,
  P.deleteBookmarkPublicChannel,
  P.orderBookmarkPublicChannel,
  P.addBookmarkPrivateChannel,
  P.editBookmarkPrivateChannel,
  P.deleteBookmarkPrivateChannel,
  P.orderBookmarkPrivateChannel,
];

const SYSTEM_USER_MANAGER_CONSOLE = [
  P.sysconsoleReadUserManagementGroups,
  P.sysconsoleReadUserManagementTeams,
  P.sysconsoleReadUserManagementChannels,
  P.sysconsoleReadUserManagementPermissions,
  P.sysconsoleWriteUserManagementGroups,
  P.sysconsoleWriteUserManagementTeams,
  P.sysconsoleWriteUserManagementChannels,
  P.sysconsoleReadAuthenticationSignup,
  P.sysconsoleReadAuthenticationEmail,
  P.sysconsoleReadAuthenticationPassword,
  P.sysconsoleReadAuthenticationMfa,
  P.sysconsoleReadAuthenticationLdap,
  P.sysconsoleReadAuthenticationSaml,
  P.sysconsoleReadAuthenticationOpenid,
  P.sysconsoleReadAuthenticationGuestAccess,
];

const SYSTEM_READ_ONLY_ADMIN_CONSOLE = [
  P.sysconsoleReadAboutEditionAndLicense,
  P.sysconsoleReadReportingSiteStatistics,
  P.sysconsoleReadReportingTeamStatistics,
  P.sysconsoleReadReportingServerLogs,
  P.sysconsoleReadUserManagementUsers,
  P.sysconsoleReadUserManagementGroups,
  P.sysconsoleReadUserManagementTeams,
  P.sysconsoleReadUserManagementChannels,
  P.sysconsoleReadUserManagementPermissions,
  P.sysconsoleReadEnvironmentWebServer,
  P.sysconsoleReadEnvironmentDatabase,
  P.sysconsoleReadEnvironmentElasticsearch,
  P.sysconsoleReadEnvironmentFileStorage,
  P.sysconsoleReadEnvironmentImageProxy,
  P.sysconsoleReadEnvironmentSmtp,
  P.sysconsoleReadEnvironmentPushNotificationServer,
  P.sysconsoleReadEnvironmentHighAvailability,
  P.sysconsoleReadEnvironmentRateLimiting,
  P.sysconsoleReadEnvironmentLogging,
  P.sysconsoleReadEnvironmentSessionLengths,
  P.sysconsoleReadEnvironmentPerformanceMonitoring,
  P.sysconsoleReadEnvironmentDeveloper,
  P.sysconsoleReadSiteCustomization,
  P.sysconsoleReadSiteLocalization,
  P.sysconsoleReadSiteUsersAndTeams,
  P.sysconsoleReadSiteNotifications,
  P.sysconsoleReadSiteAnnouncementBanner,
  P.sysconsoleReadSiteEmoji,
  P.sysconsoleReadSitePosts,
  P.sysconsoleReadSiteFileSharingAndDownloads,
  P.sysconsoleReadSitePublicLinks,
  P.sysconsoleReadSiteNotices,
  P.sysconsoleReadAuthenticationSignup,
  P.sysconsoleReadAuthenticationEmail,
  P.sysconsoleReadAuthenticationPassword,
  P.sysconsoleReadAuthenticationMfa,
  P.sysconsoleReadAuthenticationLdap,
  P.sysconsoleReadAuthenticationSaml,
  P.sysconsoleReadAuthenticationOpenid,
  P.sysconsoleReadAuthenticationGuestAccess,
  P.sysconsoleReadPlugins,
  P.sysconsoleReadIntegrationsIntegrationManagement,
  P.sysconsoleReadIntegrationsBotAccounts,
  P.sysconsoleReadIntegrationsGif,
  P.sysconsoleReadIntegrationsCors,
  P.sysconsoleReadComplianceDataRetentionPolicy,
  P.sysconsoleReadComplianceComplianceExport,
  P.sysconsoleReadComplianceComplianceMonitoring,
  P.sysconsoleReadComplianceCustomTermsOfService,
  P.sysconsoleReadExperimentalFeatures,
  P.sysconsoleReadExperimentalFeatureFlags,
  P.sysconsoleReadProductsBoards,
];

const SYSTEM_MANAGER_CONSOLE = [
  P.sysconsoleReadAboutEditionAndLicense,
  P.sysconsoleReadReportingSiteStatistics,
  P.sysconsoleReadReportingTeamStatistics,
  P.sysconsoleReadReportingServerLogs,
  P.sysconsoleReadUserManagementGroups,
  P.sysconsoleReadUserManagementTeams,
  P.sysconsoleReadUserManagementChannels,
  P.sysconsoleReadUserManagementPermissions,
  P.sysconsoleWriteUserManagementGroups,
  P.sysconsoleWriteUserManagementTeams,
  P.sysconsoleWriteUserManagementChannels,
  P.sysconsoleWriteUserManagementPermissions,
  P.sysconsoleReadEnvironmentWebServer,
  P.sysconsoleReadEnvironmentDatabase,
  P.sysconsoleReadEnvironmentElasticsearch,
  P.sysconsoleReadEnvironmentFileStorage,
  P.sysconsoleReadEnvironmentImageProxy,
  P.sysconsoleReadEnvironmentSmtp,
  P.sysconsoleReadEnvironmentPushNotificationServer,
  P.sysconsoleReadEnvironmentHighAvailability,
  P.sysconsoleReadEnvironmentRateLimiting,
  P.sysconsoleReadEnvironmentLogging,
  P.sysconsoleReadEnvironmentSessionLengths,
  P.sysconsoleReadEnvironmentPerformanceMonitoring,
  P.sysconsoleReadEnvironmentDeveloper,
  P.sysconsoleWriteEnvironmentWebServer,
  P.sysconsoleWriteEnvironmentDatabase,
  P.sysconsoleWriteEnvironmentElasticsearch,
  P.sysconsoleWriteEnvironmentFileStorage,
  P.sysconsoleWriteEnvironmentImageProxy,
  P.sysconsoleWriteEnvironmentSmtp,
  P.sysconsoleWriteEnvironmentPushNotificationServer,
  P.sysconsoleWriteEnvironmentHighAvailability,
  P.sysconsoleWriteEnvironmentRateLimiting,
  P.sysconsoleWriteEnvironmentLogging,
  P.sysconsoleWriteEnvironmentSessionLengths,
  P.sysconsoleWriteEnvironmentPerformanceMonitoring,
  P.sysconsoleWriteEnvironmentDeveloper,
  P.sysconsoleReadSiteCustomization,
  P.sysconsoleWriteSiteCustomization,
  P.sysconsoleReadSiteLocalization,
  P.sysconsoleWriteSiteLocalization,
  P.sysconsoleReadSiteUsersAndTeams,
  P.sysconsoleWriteSiteUsersAndTeams,
  P.sysconsoleReadSiteNotifications,
  P.sysconsoleWriteSiteNotifications,
  P.sysconsoleReadSiteAnnouncementBanner,
  P.sysconsoleWriteSiteAnnouncementBanner,
  P.sysconsoleReadSiteEmoji,
  P.sysconsoleWriteSiteEmoji,
  P.sysconsoleReadSitePosts,
  P.sysconsoleWriteSitePosts,
  P.sysconsoleReadSiteFileSharingAndDownloads,
  P.sysconsoleWriteSiteFileSharingAndDownloads,
  P.sysconsoleReadSitePublicLinks,
  P.sysconsoleWriteSitePublicLinks,
  P.sysconsoleReadSiteNotices,
  P.sysconsoleWriteSiteNotices,
  P.sysconsoleReadAuthenticationSignup,
  P.sysconsoleReadAuthenticationEmail,
  P.sysconsoleReadAuthenticationPassword,
  P.sysconsoleReadAuthenticationMfa,
  P.sysconsoleReadAuthenticationLdap,
  P.sysconsoleReadAuthenticationSaml,
  P.sysconsoleReadAuthenticationOpenid,
  P.sysconsoleReadAuthenticationGuestAccess,
  P.sysconsoleReadPlugins,
  P.sysconsoleReadIntegrationsIntegrationManagement,
  P.sysconsoleReadIntegrationsBotAccounts,
  P.sysconsoleReadIntegrationsGif,
  P.sysconsoleReadIntegrationsCors,
  P.sysconsoleWriteIntegrationsIntegrationManagement,
  P.sysconsoleWriteIntegrationsBotAccounts,
  P.sysconsoleWriteIntegrationsGif,
  P.sysconsoleWriteIntegrationsCors,
  P.sysconsoleReadProductsBoards,
  P.sysconsoleWriteProductsBoards,
  P.manageOutgoingOauthConnections,
];

const CUSTOM_GROUP_ADMIN = [
  P.createCustomGroup,
  P.editCustomGroup,
  P.deleteCustomGroup,
  P.restoreCustomGroup,
  P.manageCustomGroupMembers,
];

interface RoleSpec {
  /** Suffix of the i18n keys `authentication.roles.<key>.name|description`. */
  i18nKey: string;
  /** Permissions in the compiled default role. */
  compiled: readonly string[];
  /** Permissions the first-start migrations add on a fresh install (see the note). */
  addedOnFirstStart?: readonly string[];
  schemeManaged: boolean;
  builtIn: boolean;
}

const ROLE_SPECS: Readonly<Record<BuiltInRoleName, RoleSpec>> = {
  [ROLE_NAMES.customGroupUser]: {
    i18nKey: 'custom_group_user',
    compiled: [],
    // Mattermost leaves both flags unset for this role, so it is stored with false/false.
    schemeManaged: false,
    builtIn: false,
  },
  [ROLE_NAMES.channelGuest]: {
    i18nKey: 'channel_guest',
    compiled: [
      P.readChannel,
      P.readChannelContent,
      P.addReaction,
      P.removeReaction,
      P.uploadFile,
      P.editPost,
      P.createPost,
      P.useChannelMentions,
      P.readPage,
      P.editFileAttachment,
    ],
    // use_group_mentions is withheld from channel guests by the migration that grants it.
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.channelUser]: {
    i18nKey: 'channel_user',
    compiled: [
      P.readChannel,
      P.readChannelContent,
      P.addReaction,
      P.removeReaction,
      P.managePublicChannelMembers,
      P.uploadFile,
      P.getPublicLink,
      P.createPost,
      P.useChannelMentions,
      P.managePublicChannelProperties,
      P.deletePublicChannel,
      P.managePrivateChannelProperties,
      P.deletePrivateChannel,
      P.managePrivateChannelMembers,
      P.deletePost,
      P.editPost,
      P.editFileAttachment,
      ...BOOKMARKS,
      P.readPage,
      P.createPage,
      P.editPage,
      P.deleteOwnPage,
    ],
    addedOnFirstStart: [
      P.useGroupMentions, // group-mentions migration: everyone with create_post except guests
      P.readPublicChannelGroups, // system-console migration: implied by manage_public_channel_members
      P.readPrivateChannelGroups, // ... and by manage_private_channel_members
    ],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.channelAdmin]: {
    i18nKey: 'channel_admin',
    compiled: [
      P.manageChannelRoles,
      P.useGroupMentions,
      ...BOOKMARKS,
      P.readPage,
      P.createPage,
      P.editPage,
      P.deleteOwnPage,
      P.deletePage,
      P.managePublicChannelBanner,
      P.managePrivateChannelBanner,
      P.manageChannelAccessRules,
      P.managePublicChannelAutoTranslation,
      P.managePrivateChannelAutoTranslation,
    ],
    addedOnFirstStart: [
      // channel-moderation migration: create_post, plus every moderated permission channel_user holds
      P.createPost,
      P.addReaction,
      P.removeReaction,
      P.managePublicChannelMembers,
      P.managePrivateChannelMembers,
      P.useChannelMentions,
      // system-console migration (follows from the member-management permissions above)
      P.readPublicChannelGroups,
      P.readPrivateChannelGroups,
      // upload-file migration: everyone with create_post
      P.uploadFile,
    ],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.teamGuest]: {
    i18nKey: 'team_guest',
    compiled: [P.viewTeam],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.teamUser]: {
    i18nKey: 'team_user',
    compiled: [
      P.listTeamChannels,
      P.joinPublicChannels,
      P.readPublicChannel,
      P.viewTeam,
      P.createPublicChannel,
      P.createPrivateChannel,
      P.inviteUser,
      P.addUserToTeam,
      P.createWiki,
      P.readPage,
      P.createPage,
      P.editPage,
      P.deleteOwnPage,
    ],
    addedOnFirstStart: [
      // playbooks migration: whoever may create channels may create playbooks
      P.playbookPublicCreate,
      P.playbookPrivateCreate,
      // wiki/page migration
      P.readWiki,
      P.editOwnPage,
      P.commentPage,
    ],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.teamPostAll]: {
    i18nKey: 'team_post_all',
    compiled: [P.createPost, P.useChannelMentions],
    addedOnFirstStart: [P.useGroupMentions, P.uploadFile],
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.teamPostAllPublic]: {
    i18nKey: 'team_post_all_public',
    compiled: [P.createPostPublic, P.useChannelMentions],
    // upload_file is only granted alongside create_post, not create_post_public
    addedOnFirstStart: [P.useGroupMentions],
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.teamAdmin]: {
    i18nKey: 'team_admin',
    compiled: [
      P.removeUserFromTeam,
      P.manageTeam,
      P.importTeam,
      P.manageTeamRoles,
      P.manageTeamAccessRules,
      P.manageChannelRoles,
      P.manageOwnIncomingWebhooks,
      P.manageOthersIncomingWebhooks,
      P.manageOwnOutgoingWebhooks,
      P.manageOthersOutgoingWebhooks,
      P.manageOwnSlashCommands,
      P.manageOthersSlashCommands,
      P.bypassIncomingWebhookChannelLock,
      P.convertPublicChannelToPrivate,
      P.convertPrivateChannelToPublic,
      P.deletePost,
      P.deleteOthersPosts,
      ...BOOKMARKS,
      P.readPage,
      P.createPage,
      P.editPage,
      P.deleteOwnPage,
      P.deletePage,
      P.managePublicChannelBanner,
      P.managePrivateChannelBanner,
      P.manageChannelAccessRules,
      P.createWiki,
      P.manageWiki,
    ],
    addedOnFirstStart: [
      // channel-moderation migration
      P.createPost,
      P.addReaction,
      P.removeReaction,
      P.managePublicChannelMembers,
      P.managePrivateChannelMembers,
      P.useChannelMentions,
      // group-mentions migration
      P.useGroupMentions,
      // system-console migration
      P.readPublicChannelGroups,
      P.readPrivateChannelGroups,
      // playbooks manage-roles migration
      P.playbookPublicManageRoles,
      P.playbookPrivateManageRoles,
      // upload-file migration
      P.uploadFile,
      // channel auto-translation migration
      P.managePublicChannelAutoTranslation,
      P.managePrivateChannelAutoTranslation,
      // wiki/page migration
      P.readWiki,
      P.deleteWiki,
      P.adminWiki,
      P.editOwnPage,
      P.commentPage,
    ],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.playbookAdmin]: {
    i18nKey: 'playbook_admin',
    compiled: [
      P.playbookPublicManageMembers,
      P.playbookPublicManageRoles,
      P.playbookPublicManageProperties,
      P.playbookPrivateManageMembers,
      P.playbookPrivateManageRoles,
      P.playbookPrivateManageProperties,
      P.playbookPublicMakePrivate,
    ],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.playbookMember]: {
    i18nKey: 'playbook_member',
    compiled: [
      P.playbookPublicView,
      P.playbookPublicManageMembers,
      P.playbookPublicManageProperties,
      P.playbookPrivateView,
      P.playbookPrivateManageMembers,
      P.playbookPrivateManageProperties,
      P.runCreate,
    ],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.runAdmin]: {
    i18nKey: 'run_admin',
    compiled: [P.runManageMembers, P.runManageProperties],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.runMember]: {
    i18nKey: 'run_member',
    compiled: [P.runView],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.systemGuest]: {
    i18nKey: 'global_guest',
    compiled: [P.createDirectChannel, P.createGroupChannel],
    addedOnFirstStart: [P.readWiki, P.readPage, P.commentPage], // wiki/page migration
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.systemUser]: {
    i18nKey: 'global_user',
    compiled: [
      P.listPublicTeams,
      P.joinPublicTeams,
      P.createDirectChannel,
      P.createGroupChannel,
      P.viewMembers,
      P.createTeam,
      P.createCustomGroup,
      P.editCustomGroup,
      P.deleteCustomGroup,
      P.restoreCustomGroup,
      P.manageCustomGroupMembers,
      P.manageOwnAgent,
    ],
    // emoji app migration: custom emoji creation is open to everyone by default
    addedOnFirstStart: [P.createEmojis, P.deleteEmojis],
    schemeManaged: true,
    builtIn: true,
  },
  [ROLE_NAMES.systemPostAll]: {
    i18nKey: 'system_post_all',
    compiled: [P.createPost, P.useChannelMentions],
    addedOnFirstStart: [P.useGroupMentions, P.uploadFile],
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemPostAllPublic]: {
    i18nKey: 'system_post_all_public',
    compiled: [P.createPostPublic, P.useChannelMentions],
    addedOnFirstStart: [P.useGroupMentions],
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemUserAccessToken]: {
    i18nKey: 'system_user_access_token',
    compiled: [P.createUserAccessToken, P.readUserAccessToken, P.revokeUserAccessToken],
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemUserManager]: {
    i18nKey: 'system_user_manager',
    compiled: addAncillaryPermissions(SYSTEM_USER_MANAGER_CONSOLE),
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemReadOnlyAdmin]: {
    i18nKey: 'system_read_only_admin',
    compiled: addAncillaryPermissions(SYSTEM_READ_ONLY_ADMIN_CONSOLE),
    addedOnFirstStart: [P.sysconsoleReadEnvironmentMobileSecurity], // mobile-security migration
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemManager]: {
    i18nKey: 'system_manager',
    compiled: addAncillaryPermissions(SYSTEM_MANAGER_CONSOLE),
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemCustomGroupAdmin]: {
    i18nKey: 'system_custom_group_admin',
    compiled: addAncillaryPermissions(CUSTOM_GROUP_ADMIN),
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemSharedChannelManager]: {
    i18nKey: 'system_shared_channel_manager',
    compiled: [P.manageSharedChannels],
    schemeManaged: false,
    builtIn: true,
  },
  [ROLE_NAMES.systemAdmin]: {
    i18nKey: 'global_admin',
    // Every current permission; the first-start migrations only re-add ids it already holds
    // (the two that remove something put it straight back), so nothing changes.
    compiled: ALL_PERMISSIONS.map((p) => p.id),
    schemeManaged: true,
    builtIn: true,
  },
};

function buildRole(name: string, spec: RoleSpec): Readonly<DefaultRole> {
  return Object.freeze({
    name,
    display_name: `authentication.roles.${spec.i18nKey}.name`,
    description: `authentication.roles.${spec.i18nKey}.description`,
    permissions: Object.freeze(union(spec.compiled, spec.addedOnFirstStart ?? [])) as string[],
    scheme_managed: spec.schemeManaged,
    built_in: spec.builtIn,
  });
}

/**
 * Built-in roles of a fresh install, keyed by name. Frozen: copy a role (and its permissions
 * array) before seeding or editing it.
 */
export const DEFAULT_ROLES: Readonly<Record<string, DefaultRole>> = Object.freeze(
  Object.fromEntries(Object.entries(ROLE_SPECS).map(([name, spec]) => [name, buildRole(name, spec)])),
);
