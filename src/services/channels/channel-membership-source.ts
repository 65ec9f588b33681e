import type { DomainEvent } from '../../events/domain-events.js';
import type { EventBus } from '../../events/event-bus.js';
import { LruCache } from '../../lib/lru-cache.js';
import type { SessionRecord } from '../../model/session.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { BroadcastMembership, ChannelAccess as ChannelPermissionSource } from '../common/membership.js';
import type { UserQueryService } from '../users/user-query.service.js';
import type { ChannelAccess } from './channel-access.js';

/** How many channels and teams keep their member sets in memory, and how long at most. */
export interface MembershipCacheLimits {
  maxEntries: number;
  /** Only bounds staleness should an event ever be missed; events invalidate at once. */
  ttlMs: number;
}

const DEFAULT_LIMITS: MembershipCacheLimits = { maxEntries: 20_000, ttlMs: 10 * 60_000 };

/**
 * The channel and team memberships event delivery needs, read from the stores and kept in memory.
 * Every membership event (from this node or, through the bus, from any other) drops the sets it
 * changes, so the next delivery reads them again.
 */
export class ChannelMembershipSource implements BroadcastMembership, ChannelPermissionSource {
  private readonly channels: MemberIdCache;
  private readonly teams: MemberIdCache;

  constructor(
    private readonly deps: { store: Store; bus: EventBus; access: ChannelAccess; userQueries: UserQueryService },
    limits: MembershipCacheLimits = DEFAULT_LIMITS,
  ) {
    this.channels = new MemberIdCache(limits, async (channelId) => deps.store.channelMembers.userIdsInChannels([channelId]));
    this.teams = new MemberIdCache(limits, async (teamId) => deps.store.teamMembers.userIdsInTeams([teamId]));
    deps.bus.subscribe((e) => this.onEvent(e));
  }

  channelMemberIds(channelId: string): Promise<ReadonlySet<string>> {
    return this.channels.get(channelId);
  }

  teamMemberIds(teamId: string): Promise<ReadonlySet<string>> {
    return this.teams.get(teamId);
  }

  async isChannelMember(userId: string, channelId: string): Promise<boolean> {
    return (await this.channels.get(channelId)).has(userId);
  }

  /**
   * Mattermost's UserCanSeeOtherUser for the viewer as its account stands: oneself, anyone with
   * view_members, else someone met in a team (where the viewer may see members) or a channel.
   */
  async canSeeUser(viewerId: string, otherUserId: string): Promise<boolean> {
    if (viewerId === otherUserId) return true;
    const viewer = await this.deps.store.users.findById(viewerId);
    if (!viewer || viewer.delete_at !== 0) return false;
    try {
      await this.deps.userQueries.checkCanSee(accountContext(viewer.id, viewer.roles), otherUserId);
      return true;
    } catch {
      return false;
    }
  }

  /** Through the channels' one authorizer; unknown channels are refused. */
  async hasChannelPermission(ctx: RequestContext, channelId: string, permission: string): Promise<boolean> {
    const channel = await this.deps.store.channels.findById(channelId);
    return channel !== undefined && (await this.deps.access.has(ctx, channel, permission));
  }

  private onEvent(e: DomainEvent): void {
    switch (e.type) {
      case 'channel_member.added':
      case 'channel_member.removed':
        this.channels.forget(e.payload.channel.id);
        break;
      case 'team_member.added':
      case 'team_member.removed':
        this.teams.forget(e.payload.team.id);
        break;
      // An erased channel or team keeps the set already known (its members went with it, without
      // events of their own): nobody can join it any more, ids are never reused, and those members
      // are the ones to tell that it is gone. Archiving keeps the members anyway.
      case 'user.deleted':
        this.channels.clear();
        this.teams.clear();
        break;
      default:
        break;
    }
  }
}

/** A context standing for a user's account (its system roles), for visibility checks outside a request. */
function accountContext(userId: string, roles: string): RequestContext {
  const session: SessionRecord = {
    id: '',
    token_hash: '',
    create_at: 0,
    expires_at: 0,
    last_activity_at: 0,
    user_id: userId,
    device_id: '',
    roles,
    is_oauth: false,
    expired_notify: false,
    props: {},
    access_token_id: '',
  };
  return { requestId: 'websocket-delivery', ip: '', userAgent: '', session, isSystem: false };
}

/**
 * Member id sets by channel or team. A load is cached as soon as it starts, so concurrent readers
 * share it and an invalidation arriving while it runs drops it (the next reader loads again).
 */
class MemberIdCache {
  private readonly entries: LruCache<string, Promise<ReadonlySet<string>>>;

  constructor(
    limits: MembershipCacheLimits,
    private readonly load: (id: string) => Promise<readonly string[]>,
  ) {
    this.entries = new LruCache(limits.maxEntries, limits.ttlMs);
  }

  get(id: string): Promise<ReadonlySet<string>> {
    const cached = this.entries.get(id);
    if (cached) return cached;
    const loading = this.load(id).then((ids) => new Set(ids) as ReadonlySet<string>);
    this.entries.set(id, loading);
    loading.catch(() => {
      if (this.entries.get(id) === loading) this.entries.delete(id);
    });
    return loading;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
