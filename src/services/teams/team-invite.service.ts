import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken } from '../../lib/hash.js';
import { AppError } from '../../model/app-error.js';
import { newSecret } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import { TEAM_OPEN, type TeamMember, type TeamRecord } from '../../model/team.js';
import { hasRole, type UserRecord } from '../../model/user.js';
import { fromDbJson, toDbJson } from '../../store/codec.js';
import type { OneTimeToken } from '../../store/token.store.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Mailer } from '../mail/mailer.js';
import type { SignupInvitations } from '../users/user.service.js';
import { requireTeamByInviteId, requireTeamRecord, requireUserRecord } from './team-lookups.js';
import type { TeamMemberService } from './team-member.service.js';
import { allowedDomainsFor, isEmailAddressAllowed, isGuestUser } from './team-rules.js';

export const TOKEN_TYPE_TEAM_INVITATION = 'team_invitation';
export const TOKEN_TYPE_GUEST_INVITATION = 'guest_invitation';
/** Invitations by email are valid for 48 hours, as in Mattermost. */
export const INVITATION_EXPIRY_MS = 48 * 60 * 60 * 1000;

// Mattermost's built-in SMTP defaults: a failure with them means email was never set up.
const DEFAULT_SMTP_SERVER = 'localhost';
const DEFAULT_SMTP_PORT = '10025';

/** One result of a graceful email invitation. */
export interface EmailInviteResult {
  email: string;
  error: AppError | null;
}

interface InvitationData {
  teamId?: string;
  email?: string;
}

/**
 * Invitations: invite links (the team's invite id), emailed invitation tokens, and signups that
 * arrive with either (the SignupInvitations the user service asks).
 */
export class TeamInviteService implements SignupInvitations {
  constructor(
    private readonly deps: {
      store: Store;
      config: LiveConfig;
      clock: Clock;
      permissions: Permissions;
      members: TeamMemberService;
      mailer: Mailer;
    },
  ) {}

  /**
   * POST /teams/members/invite: joins the caller through an email token or an invite id.
   * @throws AppError 400 api.team.add_user_to_team.missing_parameter.app_error, the token and
   *   invite errors, 403 api.team.add_user_to_team_from_invite.guest.app_error
   */
  async addUserToTeamFromInvite(ctx: RequestContext, invite: { token?: string; inviteId?: string }): Promise<TeamMember> {
    const user = await this.user(callerId(ctx));
    if (invite.token) {
      const { token, team } = await this.validToken(invite.token);
      if (isGuestUser(user) && token.type === TOKEN_TYPE_TEAM_INVITATION) {
        throw AppError.badRequest('api.user.create_user.invalid_invitation_type.app_error');
      }
      const member = await this.deps.members.join(team, user, '');
      await this.deps.store.tokens.consume(token.token_hash);
      return member;
    }
    if (invite.inviteId) {
      if (ctx.session && hasRole(ctx.session.roles, 'system_guest')) {
        throw new AppError('api.team.add_user_to_team_from_invite.guest.app_error', 403);
      }
      const team = await this.teamByInviteId(invite.inviteId);
      return this.deps.members.join(team, user, '');
    }
    throw AppError.badRequest('api.team.add_user_to_team.missing_parameter.app_error');
  }

  /**
   * GET /teams/invite/{invite_id} (no session needed): what an invite link leads to, for open teams.
   * @throws AppError 404 app.team.get_by_invite_id.finding.app_error, 403 api.team.get_invite_info.not_open_team
   */
  async getInviteInfo(inviteId: string): Promise<{ display_name: string; description: string; name: string; id: string }> {
    const team = await this.teamByInviteId(inviteId);
    if (team.type !== TEAM_OPEN) throw new AppError('api.team.get_invite_info.not_open_team', 403, { details: `id=${inviteId}` });
    return { display_name: team.display_name, description: team.description, name: team.name, id: team.id };
  }

  /**
   * POST /teams/{id}/invite/email: mails an invitation link to each address. Without `graceful`
   * a refused address fails the request and delivery errors are ignored; with it every address
   * gets a result.
   * @throws AppError 403 (invite_user), 400 user_email, 501 api.team.invite_members.disabled.app_error,
   *   400 api.team.invite_members.invalid_email.app_error, 404
   */
  async inviteUsersToTeam(ctx: RequestContext, teamId: string, body: unknown, graceful: boolean): Promise<EmailInviteResult[] | undefined> {
    const p = this.deps.permissions;
    await p.requireTeam(ctx, teamId, P.inviteUser);
    if (!(await p.hasTeam(ctx, teamId, P.addUserToTeam))) throw AppError.forbidden(P.inviteUser);
    const emails = invitedEmails(body);
    if (emails.length === 0) throw AppError.invalidParam('user_email');
    const config = this.deps.config.get();
    if (!config.ServiceSettings.EnableEmailInvitations) throw AppError.notImplemented('api.team.invite_members.disabled.app_error');
    const team = await requireTeamRecord(this.deps.store, teamId, () => AppError.notFound('app.team.get_by_invite_id.finding.app_error'));
    const sender = await this.user(callerId(ctx));
    const allowed = allowedDomainsFor(sender, team, config);
    if (!graceful) {
      const refused = emails.filter((email) => !isEmailAddressAllowed(email, allowed));
      if (refused.length) throw AppError.badRequest('api.team.invite_members.invalid_email.app_error', '', { Addresses: refused.join(', ') });
      for (const email of emails) {
        // Mattermost only logs delivery failures here; the caller learns of them in graceful mode.
        await this.sendInvitation(team, sender, email).catch(() => undefined);
      }
      return undefined;
    }
    const results: EmailInviteResult[] = [];
    for (const email of emails) {
      if (!isEmailAddressAllowed(email, allowed)) {
        results.push({ email, error: AppError.badRequest('api.team.invite_members.invalid_email.app_error', '', { Addresses: email }) });
        continue;
      }
      try {
        await this.sendInvitation(team, sender, email);
        results.push({ email, error: null });
      } catch {
        const defaults = config.EmailSettings.SMTPServer === DEFAULT_SMTP_SERVER && config.EmailSettings.SMTPPort === DEFAULT_SMTP_PORT;
        const id = defaults ? 'api.team.invite_members.unable_to_send_email_with_defaults.app_error' : 'api.team.invite_members.unable_to_send_email.app_error';
        results.push({ email, error: new AppError(id, 500) });
      }
    }
    return results;
  }

  /**
   * DELETE /teams/invites/email: every pending email invitation stops working.
   * @throws AppError 403 (invalidate_email_invite)
   */
  async invalidateAllEmailInvites(ctx: RequestContext): Promise<void> {
    this.deps.permissions.require(ctx, P.invalidateEmailInvite);
    await this.deps.store.tokens.deleteByType(TOKEN_TYPE_TEAM_INVITATION);
    await this.deps.store.tokens.deleteByType(TOKEN_TYPE_GUEST_INVITATION);
  }

  /**
   * SignupInvitations.check: may this email sign up through the invitation? Email tokens verify
   * the address; invite links only require the team's allowed domains.
   * @throws AppError 400 signup_link_invalid / signup_link_expired / bad_token_email_data, 404,
   *   403 api.team.invite_members.invalid_email.app_error
   */
  async check(kind: 'token' | 'invite_id', value: string, email: string): Promise<{ emailVerified: boolean }> {
    if (kind === 'token') {
      const { token } = await this.validToken(value);
      if (token.type !== TOKEN_TYPE_TEAM_INVITATION) throw AppError.badRequest('api.user.create_user.signup_link_invalid.app_error');
      const data = fromDbJson<InvitationData>(token.extra, {});
      if ((data.email ?? '') !== email) throw AppError.badRequest('api.user.create_user.bad_token_email_data.app_error');
      return { emailVerified: true };
    }
    const team = await this.teamByInviteId(value);
    if (team.group_constrained) throw new AppError('app.team.invite_id.group_constrained.error', 403);
    if (!isEmailAddressAllowed(email.toLowerCase(), [team.allowed_domains])) {
      throw new AppError('api.team.invite_members.invalid_email.app_error', 403, { params: { Addresses: team.allowed_domains } });
    }
    return { emailVerified: false };
  }

  /** SignupInvitations.accept: the new user joins the invitation's team; an email token is used up. */
  async accept(kind: 'token' | 'invite_id', value: string, user: UserRecord): Promise<void> {
    if (kind === 'token') {
      const { token, team } = await this.validToken(value);
      await this.deps.members.join(team, user, '');
      await this.deps.store.tokens.consume(token.token_hash);
      return;
    }
    await this.deps.members.join(await this.teamByInviteId(value), user, '');
  }

  /** @throws AppError 400 invalid / expired token, 404 team, 403 group-constrained team */
  private async validToken(value: string): Promise<{ token: OneTimeToken; team: TeamRecord }> {
    const token = await this.deps.store.tokens.findByHash(hashToken(value));
    if (!token || (token.type !== TOKEN_TYPE_TEAM_INVITATION && token.type !== TOKEN_TYPE_GUEST_INVITATION)) {
      throw AppError.badRequest('api.user.create_user.signup_link_invalid.app_error');
    }
    if (this.deps.clock.now() - token.create_at >= INVITATION_EXPIRY_MS) {
      await this.deps.store.tokens.consume(token.token_hash);
      throw AppError.badRequest('api.user.create_user.signup_link_expired.app_error');
    }
    const data = fromDbJson<InvitationData>(token.extra, {});
    const team = data.teamId ? await this.deps.store.teams.findById(data.teamId) : undefined;
    if (!team) throw AppError.notFound('app.team.get.find.app_error');
    if (team.group_constrained) throw new AppError('app.team.invite_token.group_constrained.error', 403);
    return { token, team };
  }

  private teamByInviteId(inviteId: string): Promise<TeamRecord> {
    return requireTeamByInviteId(this.deps.store, inviteId);
  }

  private user(userId: string): Promise<UserRecord> {
    return requireUserRecord(this.deps.store, userId);
  }

  /** Stores a single-use token for the address and mails the signup link carrying it. */
  private async sendInvitation(team: TeamRecord, sender: UserRecord, email: string): Promise<void> {
    const secret = newSecret();
    await this.deps.store.tokens.insert({
      token_hash: hashToken(secret),
      create_at: this.deps.clock.now(),
      type: TOKEN_TYPE_TEAM_INVITATION,
      extra: toDbJson({ teamId: team.id, email }),
    });
    const config = this.deps.config.get();
    const teamData = encodeURIComponent(JSON.stringify({ display_name: team.display_name, name: team.name, id: team.id }));
    const link = `${config.ServiceSettings.SiteURL}/signup_user_complete/?d=${teamData}&t=${encodeURIComponent(secret)}`;
    const siteName = config.TeamSettings.SiteName;
    await this.deps.mailer.send({
      to: email,
      subject: `[${siteName}] ${sender.username} invited you to join ${team.display_name}`,
      text: `${sender.username} invited you to join the team ${team.display_name} on ${siteName}.\n\nJoin the team: ${link}\n\nThe link is valid for 48 hours.\n`,
      html: `<p>${escapeHtml(sender.username)} invited you to join the team <b>${escapeHtml(team.display_name)}</b> on ${escapeHtml(siteName)}.</p>` +
        `<p><a href="${escapeHtml(link)}">Join the team</a></p><p>The link is valid for 48 hours.</p>`,
    });
  }
}

/** The addresses of an invitation body: a bare array, or Mattermost's `{emails, channelIds, message}`. */
function invitedEmails(body: unknown): string[] {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? (body as { emails?: unknown }).emails : undefined;
  if (!Array.isArray(list) || !list.every((e) => typeof e === 'string')) return [];
  return (list).map((e) => e.toLowerCase());
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
