import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { directChannelName, groupChannelName, groupDisplayName } from '../../model/channel-names.js';
import { CHANNEL_DIRECT, CHANNEL_GROUP, CHANNEL_GROUP_MAX_USERS, CHANNEL_GROUP_MIN_USERS, newChannelRecord, type Channel, type ChannelRecord } from '../../model/channel.js';
import { isValidId, newId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { UserRecord } from '../../model/user.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Emit, UnitOfWork } from '../common/unit-of-work.js';
import type { UserQueryService } from '../users/user-query.service.js';
import { newChannelMember, type ChannelMemberCore } from './channel-members-core.js';
import { toWireChannel } from './channel-view.js';

export interface DirectChannelServiceDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  members: ChannelMemberCore;
  userQueries: UserQueryService;
}

/**
 * Direct (two people, or oneself) and group (3 to 8 people) messages. Both are found by a name
 * derived from their members, so creating one twice answers the first.
 */
export class DirectChannelService {
  constructor(private readonly deps: DirectChannelServiceDeps) {}

  /**
   * POST /channels/direct with the two user ids (the caller among them unless manage_system).
   * @throws AppError 400 user_ids / user_id / invalid_user, 403 (create_direct_channel, manage_system,
   *   view_members, team_restricted_error)
   */
  async createDirectChannel(ctx: RequestContext, userIds: unknown): Promise<Channel> {
    if (!Array.isArray(userIds) || userIds.length !== 2) throw AppError.invalidParam('user_ids');
    if (!userIds.every(isValidId)) throw AppError.invalidParam('user_id');
    const [first, second] = userIds as [string, string];
    const me = callerId(ctx);
    const p = this.deps.permissions;
    p.require(ctx, P.createDirectChannel);
    if (first !== me && second !== me) p.require(ctx, P.manageSystem);
    await this.deps.userQueries.checkCanSee(ctx, first === me ? second : first);
    const existing = await this.deps.store.channels.findByName('', directChannelName(first, second), { includeDeleted: true });
    if (existing) return toWireChannel(existing);
    await this.checkDirectMessageRestriction(ctx, first, second);
    const users = await this.deps.store.users.findByIds([first, second]);
    const user = users.find((u) => u.id === first);
    const other = users.find((u) => u.id === second);
    if (!user || !other) throw AppError.badRequest('api.channel.create_direct_channel.invalid_user.app_error');
    const channel = this.newConversation(CHANNEL_DIRECT, directChannelName(first, second), '', user.id);
    return this.createOrFind(channel, async (tx, emit) => {
      for (const member of user.id === other.id ? [user] : [user, other]) {
        await this.deps.members.insert(tx, emit, channel, newChannelMember(channel.id, member, { admin: false, at: channel.create_at }), { actorId: me });
      }
      emit(event('direct_channel.created', { channel, creatorId: user.id, teammateId: other.id }));
    });
  }

  /**
   * POST /channels/group: the caller and the given users (3 to 8 in all).
   * @throws AppError 400 user_ids / user_id / bad_size / bad_user, 403 (create_group_channel, view_members)
   */
  async createGroupChannel(ctx: RequestContext, body: unknown): Promise<Channel> {
    if (!Array.isArray(body) || body.length === 0) throw AppError.invalidParam('user_ids');
    if (!body.every(isValidId)) throw AppError.invalidParam('user_id');
    const me = callerId(ctx);
    const userIds = body.includes(me) ? [...(body)] : [...(body), me];
    this.deps.permissions.require(ctx, P.createGroupChannel);
    for (const id of userIds) {
      if (id !== me) await this.deps.userQueries.checkCanSee(ctx, id);
    }
    if (userIds.length > CHANNEL_GROUP_MAX_USERS || userIds.length < CHANNEL_GROUP_MIN_USERS) throw AppError.badRequest('api.channel.create_group.bad_size.app_error');
    const users = await this.deps.store.users.findByIds(userIds);
    // A repeated id counts once among the users found, so it fails like an unknown one, as in Mattermost.
    if (users.length !== userIds.length) throw AppError.badRequest('api.channel.create_group.bad_user.app_error', `user_ids=${JSON.stringify(userIds)}`);
    const existing = await this.deps.store.channels.findByName('', groupChannelName(userIds), { includeDeleted: true });
    if (existing) return toWireChannel(existing);
    const channel = this.newConversation(CHANNEL_GROUP, groupChannelName(userIds), groupDisplayName(users.map((u) => u.username)), '');
    return this.createOrFind(channel, async (tx, emit) => {
      for (const user of users) {
        await this.deps.members.insert(tx, emit, channel, newChannelMember(channel.id, user, { admin: false, at: channel.create_at }), { actorId: me });
      }
      emit(event('group_channel.created', { channel, creatorId: me, userIds: users.map((u: UserRecord) => u.id) }));
    });
  }

  /** Creates the conversation with its members; when another request made it first, answers that one. */
  private async createOrFind(channel: ChannelRecord, addMembers: (tx: Store, emit: Emit) => Promise<void>): Promise<Channel> {
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.channels.insert(channel);
        await addMembers(tx, emit);
      });
      return toWireChannel(channel);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const existing = await this.deps.store.channels.findByName('', channel.name, { includeDeleted: true });
      if (!existing) throw error;
      return toWireChannel(existing);
    }
  }

  /**
   * With TeamSettings.RestrictDirectMessage "team", only people sharing a team may start a direct
   * message (system admins excepted).
   * @throws AppError 403 api.channel.create_channel.direct_channel.team_restricted_error
   */
  private async checkDirectMessageRestriction(ctx: RequestContext, userId: string, otherUserId: string): Promise<void> {
    if (this.deps.config.get().TeamSettings.RestrictDirectMessage !== 'team') return;
    if (this.deps.permissions.isSystemAdmin(ctx)) return;
    const teams = this.deps.store.teamMembers;
    const mine = new Set(await teams.teamIdsForUser(userId));
    const shared = (await teams.teamIdsForUser(otherUserId)).some((id) => mine.has(id));
    if (!shared) throw new AppError('api.channel.create_channel.direct_channel.team_restricted_error', 403);
  }

  private newConversation(type: string, name: string, displayName: string, creatorId: string): ChannelRecord {
    return newChannelRecord({ id: newId(), team_id: '', type, name, display_name: displayName, creator_id: creatorId, shared: false }, this.deps.clock.now());
  }
}
