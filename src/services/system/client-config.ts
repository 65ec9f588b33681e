import type { Config } from '../../config/defaults.js';
import { MATTERMOST_COMPAT_VERSION, PARLEY_VERSION } from '../../version.js';

/**
 * The "old format" client config: every value a string, as Mattermost serves it. `limited` is what
 * an anonymous caller gets (enough to draw a login page). Only features that work are announced.
 */
export function buildClientConfig(config: Config, facts: { diagnosticId: string; noAccounts: boolean; limited: boolean }): Record<string, string> {
  const s = config.ServiceSettings;
  const t = config.TeamSettings;
  const e = config.EmailSettings;
  const p = config.PasswordSettings;
  const f = config.FileSettings;
  const b = (v: boolean): string => (v ? 'true' : 'false');
  const limited: Record<string, string> = {
    Version: MATTERMOST_COMPAT_VERSION,
    BuildNumber: PARLEY_VERSION,
    BuildDate: '',
    BuildHash: 'parley',
    BuildHashEnterprise: 'none',
    BuildEnterpriseReady: 'false',
    SiteURL: s.SiteURL,
    SiteName: t.SiteName,
    CustomDescriptionText: t.CustomDescriptionText,
    DiagnosticId: facts.diagnosticId,
    TelemetryId: facts.diagnosticId,
    DiagnosticsEnabled: 'false',
    NoAccounts: b(facts.noAccounts),
    EnableSignUpWithEmail: b(e.EnableSignUpWithEmail),
    EnableSignInWithEmail: b(e.EnableSignInWithEmail),
    EnableSignInWithUsername: b(e.EnableSignInWithUsername),
    EnableUserCreation: b(t.EnableUserCreation),
    EnableOpenServer: b(t.EnableOpenServer),
    EnableMultifactorAuthentication: b(s.EnableMultifactorAuthentication),
    EnforceMultifactorAuthentication: b(s.EnforceMultifactorAuthentication),
    PasswordMinimumLength: String(p.MinimumLength),
    PasswordRequireLowercase: b(p.Lowercase),
    PasswordRequireUppercase: b(p.Uppercase),
    PasswordRequireNumber: b(p.Number),
    PasswordRequireSymbol: b(p.Symbol),
    PasswordEnableForgotLink: b(p.EnableForgotLink),
    RequireEmailVerification: b(e.RequireEmailVerification),
    EnableLdap: 'false',
    EnableSaml: 'false',
    EnableSignUpWithGitLab: 'false',
    EnableSignUpWithGoogle: 'false',
    EnableSignUpWithOffice365: 'false',
    EnableSignUpWithOpenId: 'false',
    DefaultClientLocale: 'en',
    AvailableLocales: '',
    EnableCustomBrand: 'false',
    CustomBrandText: '',
    WebsocketURL: s.WebSocketURL,
    WebsocketPort: '80',
    WebsocketSecurePort: '443',
    EnableReliableWebSockets: 'true',
    EnableGuestAccounts: 'false',
    IsDefaultMarketplace: 'false',
    HideGuestTags: 'false',
  };
  if (facts.limited) return limited;
  return {
    ...limited,
    EnableUserAccessTokens: b(s.EnableUserAccessTokens),
    EnableBotAccountCreation: b(s.EnableBotAccountCreation),
    EnableCustomEmoji: b(s.EnableCustomEmoji),
    EnableLinkPreviews: b(s.EnableLinkPreviews),
    EnablePostUsernameOverride: b(s.EnablePostUsernameOverride),
    EnablePostIconOverride: b(s.EnablePostIconOverride),
    EnableCommands: b(s.EnableCommands),
    EnableIncomingWebhooks: b(s.EnableIncomingWebhooks),
    EnableOutgoingWebhooks: b(s.EnableOutgoingWebhooks),
    EnableOAuthServiceProvider: b(s.EnableOAuthServiceProvider),
    EnableCustomGroups: b(s.EnableCustomGroups),
    EnableDeveloper: b(s.EnableDeveloper),
    PostEditTimeLimit: String(s.PostEditTimeLimit),
    SessionLengthWebInHours: String(s.SessionLengthWebInHours),
    ShowEmailAddress: b(config.PrivacySettings.ShowEmailAddress),
    ShowFullName: b(config.PrivacySettings.ShowFullName),
    TeammateNameDisplay: t.TeammateNameDisplay,
    LockTeammateNameDisplay: b(t.LockTeammateNameDisplay),
    RestrictDirectMessage: t.RestrictDirectMessage,
    EnableCustomUserStatuses: b(t.EnableCustomUserStatuses),
    EnableLastActiveTime: b(t.EnableLastActiveTime),
    EnableUserDeactivation: b(t.EnableUserDeactivation),
    EnableConfirmNotificationsToChannel: b(t.EnableConfirmNotificationsToChannel),
    ExperimentalViewArchivedChannels: b(t.ExperimentalViewArchivedChannels),
    MaxNotificationsPerChannel: String(t.MaxNotificationsPerChannel),
    EnableFileAttachments: b(f.EnableFileAttachments),
    EnablePublicLink: b(f.EnablePublicLink),
    MaxFileSize: String(f.MaxFileSize),
    SendEmailNotifications: b(e.SendEmailNotifications),
    FeedbackEmail: e.FeedbackEmail,
    EnableEmailInvitations: 'false',
    CollapsedThreads: 'disabled',
    EnableTutorial: 'false',
    EnableOnboardingFlow: 'false',
    EnableMarketplace: 'false',
    PluginsEnabled: 'false',
    EnableCluster: 'false',
    EnableMetrics: 'false',
    EnableTesting: 'false',
    EnableDiagnostics: 'false',
    ExperimentalEnableAuthenticationTransfer: 'false',
    AllowDownloadLogs: 'false',
  };
}

/** The "old format" license: Parley is unlicensed software with no feature gated behind a licence. */
export function buildClientLicense(): Record<string, string> {
  return { IsLicensed: 'false' };
}
