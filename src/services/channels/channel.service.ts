import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import {
  CHANNEL_DIRECT,
  CHANNEL_GROUP,
  CHANNEL_OPEN,
  CHANNEL_PRIVATE,
  DEFAULT_CHANNEL_NAME,
  isGroupOrDirect,
  newChannelRecord,
  type Channel,
  type ChannelPatch,
  type ChannelRecord,
} from '../../model/channel.js';
import { isValidId, newId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import { SCHEME_SCOPE_CHANNEL } from '../../model/scheme.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Emit, UnitOfWork } from '../common/unit-of-work.js';
import type { SchemeChannels } from '../schemes/scheme.service.js';
import { requireUserRecord } from '../teams/team-lookups.js';
import type { ChannelAccess } from './channel-access.js';
import type { ChannelContent } from './channel-content.js';
import { requireChannelRecord } from './channel-lookups.js';
import { newChannelMember, type ChannelMemberCore } from './channel-members-core.js';
import { normaliseChannel, validateChannel } from './channel-rules.js';
import { toWireChannel } from './channel-view.js';

/** What a client may send to create or update a channel; the server decides the rest. */
export interface ChannelInput {
  id?: string;
  team_id?: string;
  type?: string;
  display_name?: string;
  name?: string;
  header?: string;
  purpose?: string;
  delete_at?: number;
  group_constrained?: boolean | null;
}

export interface ChannelServiceDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  access: ChannelAccess;
  members: ChannelMemberCore;
  content: ChannelContent;
}

/** Channel life cycle: create, change, privacy, archive, restore, erase, scheme. */
export class ChannelService implements SchemeChannels {
  constructor(private readonly deps: ChannelServiceDeps) {}

  /** @throws AppError 404 app.channel.get.existing.app_error */
  getChannelRecord(channelId: string): Promise<ChannelRecord> {
    return requireChannelRecord(this.deps.store, channelId);
  }

  /**
   * POST /channels: a public or private channel, with its creator as channel admin.
   * @throws AppError 403 (create_public_channel / create_private_channel), 400 direct_channel,
   *   no_team_id, max_channel_limit, model.channel.is_valid.*, store.sql_channel.save_channel.exists.app_error,
   *   404 app.channel.get_channels.not_found.app_error for an unknown team
   */
  async createChannel(ctx: RequestContext, input: ChannelInput): Promise<Channel> {
    const type = input.type ?? '';
    const teamId = input.team_id ?? '';
    const p = this.deps.permissions;
    if (type === CHANNEL_OPEN) await p.requireTeam(ctx, teamId, P.createPublicChannel);
    if (type === CHANNEL_PRIVATE) await p.requireTeam(ctx, teamId, P.createPrivateChannel);
    if (type === CHANNEL_DIRECT || type === CHANNEL_GROUP) throw AppError.badRequest('api.channel.create_channel.direct_channel.app_error');
    if (!teamId) throw AppError.badRequest('app.channel.create_channel.no_team_id.app_error');
    // Mattermost counts the team's channels first and finds none for a team that does not exist.
    if (!(await this.deps.store.teams.findById(teamId))) throw AppError.notFound('app.channel.get_channels.not_found.app_error', `team_id=${teamId}`);
    await this.checkChannelLimit(teamId);
    const creator = await requireUserRecord(this.deps.store, callerId(ctx));
    if (input.id) throw AppError.badRequest('store.sql_channel.save_channel.existing.app_error', `id=${input.id}`);
    if (input.delete_at) throw AppError.badRequest('store.sql_channel.save.archived_channel.app_error');
    const channel = this.newRecord({ ...input, type, team_id: teamId }, creator.id);
    const saved = await this.insertChannel(async (tx, emit) => {
      await tx.channels.insert(channel);
      emit(event('channel.created', { channel, actorId: creator.id }));
      const member = newChannelMember(channel.id, creator, { admin: true, at: this.deps.clock.now() });
      await this.deps.members.insert(tx, emit, channel, member, { actorId: creator.id });
      return channel;
    });
    return toWireChannel(saved);
  }

  /**
   * Creates a channel inside the caller's transaction, without members (default channels).
   * @throws AppError 400 model.channel.is_valid.*; ConflictError when the name is taken
   */
  async createChannelInTx(tx: Store, emit: Emit, input: ChannelInput & { team_id: string; type: string }, actorId: string): Promise<ChannelRecord> {
    const channel = this.newRecord(input, '');
    await tx.channels.insert(channel);
    emit(event('channel.created', { channel, actorId }));
    return channel;
  }

  /**
   * PUT /channels/{id}: header and purpose are replaced, display name and name when given.
   * @throws AppError 404, 403, 400 deleted / typechange / tried / model.channel.is_valid.* / exists
   */
  async updateChannel(ctx: RequestContext, channelId: string, input: ChannelInput): Promise<Channel> {
    const old = await this.getChannelRecord(channelId);
    await this.requireManageProperties(ctx, old);
    if (old.delete_at > 0) throw AppError.badRequest('api.channel.update_channel.deleted.app_error');
    if (input.type && input.type !== old.type) throw AppError.badRequest('api.channel.update_channel.typechange.app_error');
    this.checkRename(old, input.name);
    const next: ChannelRecord = {
      ...old,
      header: input.header ?? '',
      purpose: input.purpose ?? '',
      display_name: input.display_name || old.display_name,
      name: input.name || old.name,
      group_constrained: input.group_constrained ?? old.group_constrained,
    };
    return toWireChannel(await this.save(ctx, old, next, 'channel.updated'));
  }

  /**
   * PUT /channels/{id}/patch.
   * @throws AppError 404, 403, 400 tried / model.channel.is_valid.* / exists
   */
  async patchChannel(ctx: RequestContext, channelId: string, patch: ChannelPatch): Promise<Channel> {
    const old = await this.getChannelRecord(channelId);
    await this.requireManageProperties(ctx, old);
    this.checkRename(old, patch.name);
    const next: ChannelRecord = { ...old };
    if (patch.display_name !== undefined) next.display_name = patch.display_name.trim();
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.header !== undefined) next.header = patch.header;
    if (patch.purpose !== undefined) next.purpose = patch.purpose;
    if (patch.group_constrained !== undefined) next.group_constrained = patch.group_constrained;
    return toWireChannel(await this.save(ctx, old, next, 'channel.updated'));
  }

  /**
   * PUT /channels/{id}/privacy with 'O' or 'P'.
   * @throws AppError 400 privacy / default_channel_error, 403 (convert_*), 404
   */
  async updateChannelPrivacy(ctx: RequestContext, channelId: string, privacy: unknown): Promise<Channel> {
    if (privacy !== CHANNEL_OPEN && privacy !== CHANNEL_PRIVATE) throw AppError.invalidParam('privacy');
    const old = await this.getChannelRecord(channelId);
    await this.deps.access.require(ctx, old, privacy === CHANNEL_OPEN ? P.convertPrivateChannelToPublic : P.convertPublicChannelToPrivate);
    if (old.name === DEFAULT_CHANNEL_NAME && privacy === CHANNEL_PRIVATE) throw AppError.badRequest('api.channel.update_channel_privacy.default_channel_error');
    const next: ChannelRecord = { ...old, type: privacy };
    return toWireChannel(await this.save(ctx, old, next, old.type === privacy ? 'channel.updated' : 'channel.converted'));
  }

  /**
   * POST /channels/{id}/convert (Mattermost's older endpoint): public to private only.
   * @throws AppError 403 (convert_public_channel_to_private), 404, 400 default_channel_error / private_channel_error
   */
  async convertChannelToPrivate(ctx: RequestContext, channelId: string): Promise<Channel> {
    const old = await this.getChannelRecord(channelId);
    await this.deps.access.require(ctx, old, P.convertPublicChannelToPrivate);
    if (old.name === DEFAULT_CHANNEL_NAME) throw AppError.badRequest('api.channel.convert_channel_to_private.default_channel_error');
    if (old.type !== CHANNEL_OPEN) throw AppError.badRequest('api.channel.convert_channel_to_private.private_channel_error');
    return toWireChannel(await this.save(ctx, old, { ...old, type: CHANNEL_PRIVATE }, 'channel.converted'));
  }

  /**
   * DELETE /channels/{id}: archives the channel, or erases it with `permanent` when
   * ServiceSettings.EnableAPIChannelDeletion allows.
   * @throws AppError 404, 400 type.invalid / deleted / cannot, 403 (delete_*_channel),
   *   401 api.user.delete_channel.not_enabled.app_error
   */
  async deleteChannel(ctx: RequestContext, channelId: string, permanent: boolean): Promise<void> {
    const channel = await this.getChannelRecord(channelId);
    if (isGroupOrDirect(channel)) throw AppError.badRequest('api.channel.delete_channel.type.invalid');
    await this.deps.access.require(ctx, channel, channel.type === CHANNEL_OPEN ? P.deletePublicChannel : P.deletePrivateChannel);
    if (permanent) {
      if (!this.deps.config.get().ServiceSettings.EnableAPIChannelDeletion) {
        throw new AppError('api.user.delete_channel.not_enabled.app_error', 401, { details: `channelId=${channelId}` });
      }
      await this.deps.uow.run((tx, emit) => this.permanentDeleteChannel(tx, emit, channel, callerId(ctx)));
      return;
    }
    if (channel.delete_at > 0) throw AppError.badRequest('api.channel.delete_channel.deleted.app_error');
    if (channel.name === DEFAULT_CHANNEL_NAME) throw AppError.badRequest('api.channel.delete_channel.cannot.app_error', '', { Channel: DEFAULT_CHANNEL_NAME });
    const now = this.deps.clock.now();
    const archived: ChannelRecord = { ...channel, delete_at: now, update_at: now };
    await this.deps.uow.run(async (tx, emit) => {
      await tx.channels.update(archived);
      emit(event('channel.deleted', { channel: archived, actorId: callerId(ctx), permanent: false }));
    });
  }

  /**
   * POST /channels/{id}/restore.
   * @throws AppError 404, 403 (manage_team), 400 api.channel.restore_channel.restored.app_error
   */
  async restoreChannel(ctx: RequestContext, channelId: string): Promise<Channel> {
    const channel = await this.getChannelRecord(channelId);
    await this.deps.permissions.requireTeam(ctx, channel.team_id, P.manageTeam);
    if (channel.delete_at === 0) throw AppError.badRequest('api.channel.restore_channel.restored.app_error');
    const restored: ChannelRecord = { ...channel, delete_at: 0, update_at: this.deps.clock.now() };
    await this.deps.uow.run(async (tx, emit) => {
      await tx.channels.update(restored);
      emit(event('channel.restored', { channel: restored, actorId: callerId(ctx) }));
    });
    return toWireChannel(restored);
  }

  /** Erases the channel, its members, its sidebar places and (through the content provider) its posts. */
  async permanentDeleteChannel(tx: Store, emit: Emit, channel: ChannelRecord, actorId: string): Promise<void> {
    await this.deps.content.eraseChannel(tx, channel);
    await tx.channelMembers.deleteForChannel(channel.id);
    await tx.sidebar.unplaceChannelEverywhere(channel.id);
    await tx.channels.permanentDelete(channel.id);
    emit(event('channel.deleted', { channel: { ...channel, delete_at: this.deps.clock.now() }, actorId, permanent: true }));
  }

  /**
   * PUT /channels/{id}/scheme: the channel follows a channel scheme (free of any licence).
   * @throws AppError 400 scheme_id / scheme_scope, 403 (manage_system), 404
   */
  async updateChannelScheme(ctx: RequestContext, channelId: string, schemeId: unknown): Promise<void> {
    if (!isValidId(schemeId)) throw AppError.invalidParam('scheme_id');
    this.deps.permissions.require(ctx, P.manageSystem);
    const scheme = await this.deps.store.schemes.findById(schemeId);
    if (!scheme) throw AppError.notFound('app.scheme.get.app_error', `scheme_id=${schemeId}`);
    if (scheme.scope !== SCHEME_SCOPE_CHANNEL) throw AppError.badRequest('api.channel.update_channel_scheme.scheme_scope.error');
    const old = await this.getChannelRecord(channelId);
    await this.save(ctx, old, { ...old, scheme_id: schemeId }, 'channel.updated');
  }

  /**
   * GET /channels/{id}/moderations. Moderation edits a channel scheme's roles through its own
   * model, which Parley does not have yet; a channel scheme and its roles do the same.
   * @throws AppError 403 (sysconsole_read_user_management_channels), 501 api.channel.channel_moderations.not_available.app_error
   */
  getChannelModerations(ctx: RequestContext, _channelId: string): Promise<never> {
    this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementChannels);
    return Promise.reject(moderationsUnavailable());
  }

  /** @throws AppError 403 (sysconsole_write_user_management_channels), 501 as getChannelModerations */
  patchChannelModerations(ctx: RequestContext, _channelId: string): Promise<never> {
    this.deps.permissions.require(ctx, P.sysconsoleWriteUserManagementChannels);
    return Promise.reject(moderationsUnavailable());
  }

  /** GET /schemes/{id}/channels, for the schemes area. */
  async listChannelsForScheme(schemeId: string, page: { offset: number; limit: number }): Promise<Channel[]> {
    return (await this.deps.store.channels.listByScheme(schemeId, page)).map(toWireChannel);
  }

  /** A deleted channel scheme's channels go back to their team's scheme. */
  async clearChannelScheme(tx: Store, schemeId: string): Promise<void> {
    await tx.channels.clearScheme(schemeId);
  }

  /** Validates and writes the channel's own fields, then records the event. */
  private async save(ctx: RequestContext, old: ChannelRecord, channel: ChannelRecord, type: 'channel.updated' | 'channel.converted'): Promise<ChannelRecord> {
    const next = normaliseChannel({ ...channel, update_at: this.deps.clock.now() });
    validateChannel(next);
    return this.insertChannel(async (tx, emit) => {
      await tx.channels.update(next);
      emit(event(type, { channel: next, old, actorId: callerId(ctx) }));
      return next;
    });
  }

  /** Runs a write, turning a taken name into Mattermost's 400. */
  private async insertChannel<T>(work: (tx: Store, emit: Emit) => Promise<T>): Promise<T> {
    try {
      return await this.deps.uow.run(work);
    } catch (error) {
      if (isConflict(error) && error.entity === 'Channel') throw AppError.badRequest('store.sql_channel.save_channel.exists.app_error');
      throw error;
    }
  }

  /**
   * Who may change a channel's properties: manage_*_channel_properties for public and private
   * channels, membership for direct and group messages.
   * @throws AppError 403
   */
  private async requireManageProperties(ctx: RequestContext, channel: ChannelRecord): Promise<void> {
    if (channel.type === CHANNEL_OPEN) return this.deps.access.require(ctx, channel, P.managePublicChannelProperties);
    if (channel.type === CHANNEL_PRIVATE) return this.deps.access.require(ctx, channel, P.managePrivateChannelProperties);
    const member = await this.deps.store.channelMembers.find(channel.id, callerId(ctx));
    if (!member && !ctx.isSystem) throw new AppError('api.channel.patch_update_channel.forbidden.app_error', 403);
  }

  /** @throws AppError 400 tried (the default channel keeps its name), cant_rename_* (conversations) */
  private checkRename(channel: ChannelRecord, name: string | undefined): void {
    if (!name || name === channel.name) return;
    if (channel.name === DEFAULT_CHANNEL_NAME) throw AppError.badRequest('api.channel.update_channel.tried.app_error', '', { Channel: DEFAULT_CHANNEL_NAME });
    if (channel.type === CHANNEL_DIRECT) throw AppError.badRequest('api.channel.rename_channel.cant_rename_direct_messages.app_error');
    if (channel.type === CHANNEL_GROUP) throw AppError.badRequest('api.channel.rename_channel.cant_rename_group_messages.app_error');
  }

  /** @throws AppError 400 api.channel.create_channel.max_channel_limit.app_error */
  private async checkChannelLimit(teamId: string): Promise<void> {
    const max = this.deps.config.get().TeamSettings.MaxChannelsPerTeam;
    if ((await this.deps.store.channels.countForTeam(teamId)) + 1 > max) {
      throw AppError.badRequest('api.channel.create_channel.max_channel_limit.app_error', '', { MaxChannelsPerTeam: max });
    }
  }

  /** A validated new channel (Mattermost's PreSave and IsValid). @throws AppError 400 model.channel.is_valid.* */
  private newRecord(input: ChannelInput & { team_id: string; type: string }, creatorId: string): ChannelRecord {
    const channel = newChannelRecord(
      {
        id: newId(),
        team_id: input.team_id,
        type: input.type,
        display_name: (input.display_name ?? '').trim(),
        name: input.name ?? '',
        header: input.header ?? '',
        purpose: input.purpose ?? '',
        creator_id: creatorId,
        group_constrained: input.group_constrained ?? null,
      },
      this.deps.clock.now(),
    );
    validateChannel(normaliseChannel(channel));
    return channel;
  }
}

function moderationsUnavailable(): AppError {
  return AppError.notImplemented('api.channel.channel_moderations.not_available.app_error', 'use PUT /channels/{id}/scheme with a channel scheme instead');
}
