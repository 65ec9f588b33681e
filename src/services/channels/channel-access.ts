import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';
import { CHANNEL_OPEN, type ChannelRecord } from '../../model/channel.js';
import { P } from '../../model/permissions.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { ChannelPermissionScope, Permissions } from '../common/permissions.js';

/**
 * Channel permission checks (Mattermost's SessionHasPermissionToChannel) over the records they
 * need: the caller's channel and team memberships, the channel and its team, loaded here and
 * decided by `Permissions.hasChannel`. Every channel check of every area goes through this class.
 */
export class ChannelAccess {
  constructor(private readonly deps: { store: Store; permissions: Permissions; config: LiveConfig }) {}

  /** What `Permissions.hasChannel` needs about the caller and the channel. */
  async scope(ctx: RequestContext, channel: ChannelRecord): Promise<ChannelPermissionScope> {
    const userId = callerId(ctx);
    const store = this.deps.store;
    const [member, team, teamMember] = await Promise.all([
      userId ? store.channelMembers.find(channel.id, userId) : undefined,
      channel.team_id ? store.teams.findById(channel.team_id) : undefined,
      userId && channel.team_id ? store.teamMembers.find(channel.team_id, userId) : undefined,
    ]);
    return {
      channel,
      channelMember: member,
      team: team ? { id: team.id, scheme_id: team.scheme_id } : undefined,
      teamMember: teamMember && teamMember.delete_at === 0 ? teamMember : undefined,
    };
  }

  /**
   * True when the caller holds the permission in the channel. Archived channels are closed to all
   * but system admins while ExperimentalViewArchivedChannels is off, as in Mattermost.
   */
  async has(ctx: RequestContext, channel: ChannelRecord, permission: string): Promise<boolean> {
    if (ctx.isSystem) return true;
    if (!ctx.session) return false;
    const p = this.deps.permissions;
    if (channel.delete_at > 0 && !this.deps.config.get().TeamSettings.ExperimentalViewArchivedChannels && !p.isSystemAdmin(ctx)) return false;
    return p.hasChannel(ctx, await this.scope(ctx, channel), permission);
  }

  /** @throws AppError 403 api.context.permissions.app_error naming the permission */
  async require(ctx: RequestContext, channel: ChannelRecord, permission: string): Promise<void> {
    if (!(await this.has(ctx, channel, permission))) throw AppError.forbidden(permission);
  }

  /**
   * For endpoints that check before they look the channel up: an unknown channel is refused like
   * one the caller may not touch, so ids reveal nothing.
   * @throws AppError 403 naming the permission
   */
  async requireById(ctx: RequestContext, channelId: string, permission: string): Promise<ChannelRecord> {
    const channel = await this.deps.store.channels.findById(channelId);
    if (!channel || !(await this.has(ctx, channel, permission))) throw AppError.forbidden(permission);
    return channel;
  }

  /**
   * Whether the caller may post in the channel: create_post in the channel (a channel scheme can
   * take it away from members, making the channel read-only), or create_post_public in the team
   * for a public channel (Mattermost's createPost rule).
   */
  async canPost(ctx: RequestContext, channel: ChannelRecord): Promise<boolean> {
    if (await this.has(ctx, channel, P.createPost)) return true;
    return channel.type === CHANNEL_OPEN && (await this.deps.permissions.hasTeam(ctx, channel.team_id, P.createPostPublic));
  }

  /** @throws AppError 403 (create_post) unless `canPost` */
  async checkCanPost(ctx: RequestContext, channel: ChannelRecord): Promise<void> {
    if (!(await this.canPost(ctx, channel))) throw AppError.forbidden(P.createPost);
  }
}
