import { event } from '../../events/domain-events.js';
import { AppError } from '../../model/app-error.js';
import type { Bot, BotPatch, BotRecord } from '../../model/bot.js';
import { P, ROLE_NAMES } from '../../model/permissions.js';
import { hasRole, type UserPatch, type UserRecord } from '../../model/user.js';
import type { BotView } from '../../store/bot.store.js';
import { callerId, systemContext, type RequestContext } from '../common/context.js';
import type { BotManagement } from '../users/access-token.service.js';
import { hashPassword, validatePassword } from '../users/password.js';
import { normaliseUser, validateUser } from '../users/user-rules.js';
import type { UserService, UserServiceDeps } from '../users/user.service.js';
import { toWireBot, validateBot, wouldPatch } from './bot-rules.js';

export interface BotServiceDeps extends Omit<UserServiceDeps, 'invitations'> {
  users: UserService;
}

export interface BotListQuery {
  page: number;
  perPage: number;
  includeDeleted: boolean;
  onlyOrphaned: boolean;
}

/** The same answer whether the bot is missing or hidden: nobody learns an account is a bot. */
export function botNotFound(botUserId: string): AppError {
  return AppError.notFound('store.sql_bot.get.missing.app_error', `user_id=${botUserId}`);
}

/**
 * Bot accounts: users with `is_bot` plus a bot row (owner, description, icon time). Creation,
 * edits, activation, ownership, conversion between users and bots, with Mattermost's rules:
 * read_bots/manage_bots for one's own bots, read_others_bots/manage_others_bots for the rest.
 */
export class BotService implements BotManagement {
  constructor(private readonly deps: BotServiceDeps) {
    deps.users.addLifecycleHooks({
      userDeactivated: (user) => this.ownerDeactivated(user),
      userErased: async (tx, userId) => tx.bots.deleteById(userId),
    });
  }

  /**
   * POST /bots: the caller owns the new bot.
   * @throws AppError 403 create_bot (also for bots), 403 api.bot.create_disabled, 400 model.bot.is_valid.* and duplicates
   */
  async createBot(ctx: RequestContext, patch: BotPatch): Promise<Bot> {
    this.deps.permissions.require(ctx, P.createBot);
    const caller = await this.deps.store.users.findById(callerId(ctx));
    if (caller?.is_bot) throw AppError.forbidden(P.createBot);
    if (!this.deps.config.get().ServiceSettings.EnableBotAccountCreation) throw new AppError('api.bot.create_disabled', 403);
    const username = patch.username ?? '';
    const displayName = patch.display_name ?? '';
    const description = patch.description ?? '';
    validateBot({ user_id: '', username, display_name: displayName, description, owner_id: callerId(ctx) });
    const user = this.deps.users.newRecord({ username, email: `${username}@localhost`, first_name: displayName }, true);
    user.is_bot = true;
    user.bot_description = description;
    const now = this.deps.clock.now();
    const record: BotRecord = { user_id: user.id, owner_id: callerId(ctx), description, last_icon_update: 0, create_at: now, update_at: now, delete_at: 0 };
    const bot = toWireBot({ ...record, username, display_name: displayName });
    await this.deps.users.insertUser(user, '', async (tx, emit) => {
      await tx.bots.insert(record);
      emit(event('bot.created', { bot }));
    });
    return bot;
  }

  /**
   * PUT /bots/{id}: username, display name and description; the bot's user follows.
   * @throws AppError 404, 403, 400 model.user.is_valid.* / model.bot.is_valid.* / duplicates
   */
  async patchBot(ctx: RequestContext, botUserId: string, patch: BotPatch): Promise<Bot> {
    const current = await this.requireManage(ctx, botUserId);
    if (!wouldPatch(current, patch)) return toWireBot(current);
    const next: BotView = {
      ...current,
      username: patch.username ?? current.username,
      display_name: patch.display_name ?? current.display_name,
      description: patch.description ?? current.description,
      update_at: this.deps.clock.now(),
    };
    const user = await this.deps.users.getUser(botUserId);
    const nextUser: UserRecord = {
      ...user,
      username: next.username,
      email: `${next.username}@localhost`,
      first_name: next.display_name,
      bot_description: next.description,
      update_at: next.update_at,
    };
    // Mattermost saves the user first (its rules, lower-cased username) and the bot after (its rules).
    normaliseUser(nextUser);
    validateUser(nextUser);
    validateBot(next);
    next.username = nextUser.username;
    const bot = toWireBot(next);
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.users.update(nextUser);
        await tx.bots.update(botRecordOf(next));
        emit(event('user.updated', { user: nextUser }));
        emit(event('bot.updated', { bot }));
      });
    } catch (error) {
      throw await this.deps.users.duplicateError(error, nextUser);
    }
    return bot;
  }

  /**
   * GET /bots/{id}. Bots the caller may not read answer 404, as missing ones do.
   * @throws AppError 404 store.sql_bot.get.missing.app_error
   */
  async getBot(ctx: RequestContext, botUserId: string, includeDeleted: boolean): Promise<Bot> {
    const bot = await this.deps.store.bots.findById(botUserId, includeDeleted);
    if (!bot) throw botNotFound(botUserId);
    const { permissions } = this.deps;
    if (permissions.has(ctx, P.readOthersBots)) return toWireBot(bot);
    if (bot.owner_id === callerId(ctx) && permissions.has(ctx, P.readBots)) return toWireBot(bot);
    throw botNotFound(botUserId);
  }

  /**
   * GET /bots: everyone's with read_others_bots, one's own with read_bots.
   * @throws AppError 403 read_bots
   */
  async getBots(ctx: RequestContext, query: BotListQuery): Promise<Bot[]> {
    const { permissions } = this.deps;
    let ownerId: string | undefined;
    if (!permissions.has(ctx, P.readOthersBots)) {
      permissions.require(ctx, P.readBots);
      ownerId = callerId(ctx);
    }
    const bots = await this.deps.store.bots.list({
      ...(ownerId !== undefined ? { ownerId } : {}),
      includeDeleted: query.includeDeleted,
      onlyOrphaned: query.onlyOrphaned,
      offset: query.page * query.perPage,
      limit: query.perPage,
    });
    return bots.map(toWireBot);
  }

  /**
   * POST /bots/{id}/disable and /enable: the bot's user is deactivated (its sessions and tokens
   * stop at once) or reactivated.
   * @throws AppError 404, 403
   */
  async updateBotActive(ctx: RequestContext, botUserId: string, active: boolean): Promise<Bot> {
    await this.requireManage(ctx, botUserId);
    return this.setBotActive(botUserId, active);
  }

  /**
   * POST /bots/{id}/assign/{user_id}: hands the bot to another owner (never to a bot).
   * @throws AppError 404, 403 (manage_bots, manage_others_bots, assign_bot)
   */
  async assignBot(ctx: RequestContext, botUserId: string, newOwnerId: string): Promise<Bot> {
    const current = await this.requireManage(ctx, botUserId);
    const owner = await this.deps.store.users.findById(newOwnerId);
    if (owner?.is_bot) throw AppError.forbidden(P.assignBot);
    const next: BotView = { ...current, owner_id: newOwnerId, update_at: this.deps.clock.now() };
    const bot = toWireBot(next);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.bots.update(botRecordOf(next));
      emit(event('bot.updated', { bot }));
    });
    return bot;
  }

  /**
   * POST /bots/{id}/convert_to_user: the bot becomes a user who signs in with `password`
   * (optionally a system admin); the profile fields of `patch` apply.
   * @throws AppError 404, 400 invalid_body_param userPatch without a password, 403 manage_system, 400 password rules, profile rules and duplicates
   */
  async convertBotToUser(ctx: RequestContext, botUserId: string, patch: UserPatch & { password: string }, setSystemAdmin: boolean): Promise<UserRecord> {
    const bot = await this.deps.store.bots.findById(botUserId, false);
    if (!bot) throw botNotFound(botUserId);
    if (patch.password === '') throw AppError.invalidParam('userPatch');
    this.deps.permissions.require(ctx, P.manageSystem);
    validatePassword(patch.password, this.deps.config.get().PasswordSettings);
    const system = systemContext(ctx.requestId);
    const before = await this.deps.users.getUser(botUserId);
    if (setSystemAdmin && !hasRole(before.roles, ROLE_NAMES.systemAdmin)) {
      await this.deps.users.updateUserRoles(system, botUserId, `${before.roles} ${ROLE_NAMES.systemAdmin}`);
    }
    const { password, ...profile } = patch;
    const patched = await this.deps.users.patchUser(system, botUserId, profile);
    const now = this.deps.clock.now();
    const user: UserRecord = { ...patched, is_bot: false, bot_description: '', bot_last_icon_update: 0, update_at: now };
    const hash = await hashPassword(password);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.users.update(user);
      await tx.users.updatePassword(botUserId, hash, now);
      await tx.bots.deleteById(botUserId);
      emit(event('bot.converted_to_user', { userId: botUserId }));
    });
    // Sessions of the bot's tokens were opened as a bot's; they reopen as the user's.
    await this.deps.sessions.revokeAllForUser(botUserId);
    return this.deps.users.getUser(botUserId);
  }

  /**
   * POST /users/{id}/convert_to_bot: the user becomes a bot owned by itself; a sign-in provider
   * link is dropped.
   * @throws AppError 404, 403 manage_system, 400 app.bot.createbot.internal_error when it is a bot already
   */
  async convertUserToBot(ctx: RequestContext, userId: string): Promise<Bot> {
    const user = await this.deps.users.getUser(userId);
    this.deps.permissions.require(ctx, P.manageSystem);
    if (user.is_bot) throw AppError.badRequest('app.bot.createbot.internal_error', `user_id=${userId}`);
    const now = this.deps.clock.now();
    const record: BotRecord = { user_id: user.id, owner_id: user.id, description: '', last_icon_update: 0, create_at: now, update_at: now, delete_at: 0 };
    const next: UserRecord = { ...user, is_bot: true, auth_service: '', auth_data: null, update_at: now };
    // Mattermost answers with the display name it derives from the username.
    const bot = toWireBot({ ...record, username: user.username, display_name: user.username });
    await this.deps.uow.run(async (tx, emit) => {
      await tx.users.update(next);
      await tx.bots.insert(record);
      emit(event('user.updated', { user: next }));
      emit(event('bot.created', { bot }));
    });
    this.deps.sessions.forgetUser(userId);
    return bot;
  }

  /**
   * Mattermost's SessionHasPermissionToManageBot: the bot (deleted ones too) once the caller may
   * manage it. Without the read permission the bot is hidden (404), without manage it is a 403.
   * @throws AppError 404 store.sql_bot.get.missing.app_error, 403 manage_bots / manage_others_bots
   */
  async requireManage(ctx: RequestContext, botUserId: string): Promise<BotView> {
    const bot = await this.deps.store.bots.findById(botUserId, true);
    if (!bot) throw botNotFound(botUserId);
    if (ctx.isSystem) return bot;
    const own = bot.owner_id === callerId(ctx);
    const [manage, read] = own ? [P.manageBots, P.readBots] : [P.manageOthersBots, P.readOthersBots];
    if (this.deps.permissions.has(ctx, manage)) return bot;
    if (!this.deps.permissions.has(ctx, read)) throw botNotFound(botUserId);
    throw AppError.forbidden(manage);
  }

  async manageVerdict(ctx: RequestContext, userId: string): Promise<'allowed' | 'denied' | 'not_a_bot'> {
    if (!(await this.deps.store.bots.findById(userId, true))) return 'not_a_bot';
    try {
      await this.requireManage(ctx, userId);
      return 'allowed';
    } catch {
      return 'denied';
    }
  }

  private async setBotActive(botUserId: string, active: boolean): Promise<Bot> {
    const user = await this.deps.users.getUser(botUserId);
    await this.deps.users.setActive(user, active);
    const current = await this.deps.store.bots.findById(botUserId, true);
    if (!current) throw botNotFound(botUserId);
    if ((current.delete_at === 0) === active) return toWireBot(current);
    const now = this.deps.clock.now();
    const next: BotView = { ...current, delete_at: active ? 0 : now, update_at: now };
    const bot = toWireBot(next);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.bots.update(botRecordOf(next));
      emit(event('bot.activation_changed', { bot }));
    });
    return bot;
  }

  /** Mattermost's userDeactivated: tell the admins the owner left, then (by default) disable the bots. */
  private async ownerDeactivated(owner: UserRecord): Promise<void> {
    if (owner.is_bot) return;
    const botIds = await this.deps.store.bots.listIdsByOwner(owner.id);
    if (botIds.length === 0) return;
    this.deps.uow.publish(event('bot.owner_deactivated', { ownerId: owner.id, botIds }));
    if (!this.deps.config.get().ServiceSettings.DisableBotsWhenOwnerIsDeactivated) return;
    for (const botId of botIds) await this.setBotActive(botId, false);
  }
}

function botRecordOf(bot: BotView): BotRecord {
  return {
    user_id: bot.user_id,
    owner_id: bot.owner_id,
    description: bot.description,
    last_icon_update: bot.last_icon_update,
    create_at: bot.create_at,
    update_at: bot.update_at,
    delete_at: bot.delete_at,
  };
}
