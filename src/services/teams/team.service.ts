import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { isValidId, newId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import { SCHEME_SCOPE_TEAM } from '../../model/scheme.js';
import { TEAM_INVITE, TEAM_OPEN, isOpenTeam, type Team, type TeamPatch, type TeamRecord } from '../../model/team.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions, TeamMembershipForCheck } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { RoleCatalog } from '../roles/role-catalog.js';
import type { TeamHooks } from './team-hooks.js';
import { requireTeamRecord, requireUserRecord } from './team-lookups.js';
import type { TeamMemberService } from './team-member.service.js';
import { checkValidDomains, isTeamEmailAllowed, normaliseTeam, validateTeam } from './team-rules.js';
import { toWireTeam, type TeamVisibility } from './team-view.js';

/** What a client may send to create or update a team; the server decides the rest. */
export interface TeamInput {
  id?: string;
  name?: string;
  display_name?: string;
  description?: string;
  type?: string;
  company_name?: string;
  allowed_domains?: string;
  allow_open_invite?: boolean;
  group_constrained?: boolean | null;
  last_team_icon_update?: number;
  scheme_id?: string | null;
}

export interface TeamServiceDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  roles: RoleCatalog;
  hooks: TeamHooks;
  members: TeamMemberService;
}

/** Team life cycle: create, read, change, privacy, invite id, archive, restore, erase, scheme. */
export class TeamService {
  constructor(private readonly deps: TeamServiceDeps) {}

  /** @throws AppError 404 app.team.get.find.app_error */
  getTeamRecord(teamId: string): Promise<TeamRecord> {
    return requireTeamRecord(this.deps.store, teamId);
  }

  /**
   * How much of the team the caller sees (Mattermost's SanitizeTeam). `membership` saves a query
   * when the caller's membership is already loaded.
   */
  visibilityFor(ctx: RequestContext, team: TeamRecord, membership: TeamMembershipForCheck | undefined): TeamVisibility {
    const p = this.deps.permissions;
    if (p.hasTeamWith(ctx, team.id, membership, P.manageTeam)) return 'full';
    if (p.hasTeamWith(ctx, team.id, membership, P.inviteUser)) return 'invite';
    return 'sanitized';
  }

  /** The team's JSON unsanitised (for its creator, and for callers already checked for manage_team). */
  toWire(team: TeamRecord): Team {
    return toWireTeam(team);
  }

  async present(ctx: RequestContext, team: TeamRecord): Promise<Team> {
    return toWireTeam(team, this.visibilityFor(ctx, team, await this.deps.permissions.membership(ctx, team.id)));
  }

  /** Presents many teams with one lookup of the caller's memberships. */
  async presentMany(ctx: RequestContext, teams: readonly TeamRecord[]): Promise<Team[]> {
    const userId = callerId(ctx);
    const memberships = userId ? await this.deps.store.teamMembers.listForUser(userId, { includeDeleted: false }) : [];
    const byTeam = new Map(memberships.map((m) => [m.team_id, m]));
    return teams.map((team) => toWireTeam(team, this.visibilityFor(ctx, team, byTeam.get(team.id))));
  }

  /**
   * POST /teams: the caller creates the team and joins it as its admin (the team's email is theirs).
   * @throws AppError 403 api.team.is_team_creation_allowed.disabled.app_error, 403 (scheme_id),
   *   400 api.team.is_team_creation_allowed.domain.app_error, model.team.is_valid.*,
   *   store.sql_team.save_team.existing.app_error
   */
  async createTeam(ctx: RequestContext, input: TeamInput): Promise<TeamRecord> {
    const p = this.deps.permissions;
    if (!p.has(ctx, P.createTeam)) throw new AppError('api.team.is_team_creation_allowed.disabled.app_error', 403);
    if (input.scheme_id !== undefined && input.scheme_id !== null) {
      p.require(ctx, P.sysconsoleWriteUserManagementPermissions);
      if (input.scheme_id !== '' && !isValidId(input.scheme_id)) throw AppError.invalidParam('team');
    }
    const creator = await requireUserRecord(this.deps.store, callerId(ctx));
    // A client-chosen id is refused the way Mattermost's store refuses it.
    if (input.id) throw AppError.badRequest('store.sql_team.save_team.existing.app_error', `id=${input.id}`);
    const team = this.newRecord(input, creator.email);
    if (!isTeamEmailAllowed(creator, team, this.deps.config.get())) {
      throw AppError.badRequest('api.team.is_team_creation_allowed.domain.app_error');
    }
    try {
      return await this.deps.uow.run(async (tx, emit) => {
        await tx.teams.insert(team);
        await this.deps.hooks.onTeamCreated(tx, team, emit);
        emit(event('team.created', { team, actorId: creator.id }));
        await this.deps.members.joinUserToTeam(tx, emit, team, creator, '');
        return team;
      });
    } catch (error) {
      if (isConflict(error) && error.entity === 'Team') throw AppError.badRequest('store.sql_team.save_team.existing.app_error', `name=${team.name}`);
      throw error;
    }
  }

  /**
   * GET /teams/{id}: anyone may read an open team; others need view_team.
   * @throws AppError 404, 403 (view_team)
   */
  async getTeam(ctx: RequestContext, teamId: string): Promise<Team> {
    const team = await this.getTeamRecord(teamId);
    return this.presentReadable(ctx, team);
  }

  /** @throws AppError 404 app.team.get_by_name.missing.app_error, 403 (view_team) */
  async getTeamByName(ctx: RequestContext, name: string): Promise<Team> {
    const team = await this.deps.store.teams.findByName(name);
    if (!team) throw AppError.notFound('app.team.get_by_name.missing.app_error', `name=${name}`);
    return this.presentReadable(ctx, team);
  }

  /**
   * PUT /teams/{id}: replaces the editable fields (display name, description, company, domains,
   * open invites, icon time, group constraint).
   * @throws AppError 403 (manage_team), 404, 400
   */
  async updateTeam(ctx: RequestContext, teamId: string, input: TeamInput): Promise<Team> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    const current = await this.getTeamRecord(teamId);
    const next: TeamRecord = {
      ...current,
      display_name: input.display_name ?? '',
      description: input.description ?? '',
      allow_open_invite: input.allow_open_invite ?? false,
      company_name: input.company_name ?? '',
      allowed_domains: input.allowed_domains ?? '',
      last_team_icon_update: input.last_team_icon_update ?? 0,
      group_constrained: input.group_constrained ?? null,
    };
    checkValidDomains(next, this.deps.config.get());
    const saved = await this.save(next, 'team.updated');
    return this.present(ctx, saved);
  }

  /**
   * PUT /teams/{id}/patch. Closing open invites also replaces the invite id.
   * @throws AppError 403 (manage_team), 404, 400
   */
  async patchTeam(ctx: RequestContext, teamId: string, patch: TeamPatch): Promise<Team> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    const next: TeamRecord = { ...(await this.getTeamRecord(teamId)) };
    if (patch.display_name !== undefined) next.display_name = patch.display_name;
    if (patch.description !== undefined) next.description = patch.description;
    if (patch.company_name !== undefined) next.company_name = patch.company_name;
    if (patch.allowed_domains !== undefined) next.allowed_domains = patch.allowed_domains;
    if (patch.allow_open_invite !== undefined) {
      if (!patch.allow_open_invite) next.invite_id = newId();
      next.allow_open_invite = patch.allow_open_invite;
    }
    if (patch.group_constrained !== undefined) next.group_constrained = patch.group_constrained;
    if (patch.cloud_limits_archived !== undefined) next.cloud_limits_archived = patch.cloud_limits_archived;
    checkValidDomains(next, this.deps.config.get());
    return this.present(ctx, await this.save(next, 'team.updated'));
  }

  /**
   * PUT /teams/{id}/privacy with 'O' or 'I'. Closing a team replaces its invite id, so links
   * already handed out stop working.
   * @throws AppError 400 privacy, 403 (manage_team), 404
   */
  async updateTeamPrivacy(ctx: RequestContext, teamId: string, privacy: unknown): Promise<Team> {
    if (privacy !== TEAM_OPEN && privacy !== TEAM_INVITE) throw AppError.invalidParam('privacy');
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    const current = await this.getTeamRecord(teamId);
    const open = privacy === TEAM_OPEN;
    const next: TeamRecord = { ...current, type: privacy, allow_open_invite: open };
    if ((open !== current.allow_open_invite || privacy !== current.type) && !open) next.invite_id = newId();
    return toWireTeam(await this.save(next, 'team.updated'));
  }

  /**
   * POST /teams/{id}/regenerate_invite_id.
   * @throws AppError 403 (manage_team), 404
   */
  async regenerateInviteId(ctx: RequestContext, teamId: string): Promise<Team> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    const saved = await this.save({ ...(await this.getTeamRecord(teamId)), invite_id: newId() }, 'team.updated');
    const team = await this.present(ctx, saved);
    if (!this.deps.config.get().PrivacySettings.ShowEmailAddress && !this.deps.permissions.isSystemAdmin(ctx)) team.email = '';
    return team;
  }

  /**
   * DELETE /teams/{id}: archives the team, or erases it with `permanent` when
   * ServiceSettings.EnableAPITeamDeletion allows.
   * @throws AppError 403 (manage_team), 401 api.user.delete_team.not_enabled.app_error, 404
   */
  async deleteTeam(ctx: RequestContext, teamId: string, permanent: boolean): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    if (permanent) {
      if (!this.deps.config.get().ServiceSettings.EnableAPITeamDeletion) {
        throw new AppError('api.user.delete_team.not_enabled.app_error', 401, { details: `teamId=${teamId}` });
      }
      await this.permanentDeleteTeam(await this.getTeamRecord(teamId));
      return;
    }
    const team = await this.getTeamRecord(teamId);
    await this.save({ ...team, delete_at: this.deps.clock.now() }, 'team.deleted');
  }

  /** Erases the team, its memberships and (through the hooks) its channels. */
  async permanentDeleteTeam(team: TeamRecord): Promise<void> {
    const erased: TeamRecord = { ...team, delete_at: this.deps.clock.now() };
    await this.deps.uow.run(async (tx, emit) => {
      await this.deps.hooks.onTeamPermanentlyDeleted(tx, erased, emit);
      await tx.teamMembers.deleteForTeam(team.id);
      await tx.teams.permanentDelete(team.id);
      emit(event('team.deleted', { team: erased, permanent: true }));
    });
  }

  /**
   * POST /teams/{id}/restore: un-archives the team.
   * @throws AppError 403 (manage_team), 404
   */
  async restoreTeam(ctx: RequestContext, teamId: string): Promise<Team> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    const saved = await this.save({ ...(await this.getTeamRecord(teamId)), delete_at: 0 }, 'team.restored');
    return toWireTeam(saved);
  }

  /**
   * PUT /teams/{id}/scheme: '' puts the team back on the system scheme.
   * @throws AppError 400 scheme_id / api.team.update_team_scheme.scheme_scope.error, 403, 404
   */
  async updateTeamScheme(ctx: RequestContext, teamId: string, schemeId: unknown): Promise<void> {
    if (typeof schemeId !== 'string' || (schemeId !== '' && !isValidId(schemeId))) throw AppError.invalidParam('scheme_id');
    this.deps.permissions.require(ctx, P.sysconsoleWriteUserManagementPermissions);
    if (schemeId !== '') {
      const scheme = await this.deps.store.schemes.findById(schemeId);
      if (!scheme) throw AppError.notFound('app.scheme.get.app_error', `scheme_id=${schemeId}`);
      if (scheme.scope !== SCHEME_SCOPE_TEAM) throw AppError.badRequest('api.team.update_team_scheme.scheme_scope.error');
    }
    const team = await this.getTeamRecord(teamId);
    await this.save({ ...team, scheme_id: schemeId }, 'team.scheme_changed');
  }

  /**
   * POST /teams/{id}/import: importing Slack exports is not offered.
   * @throws AppError 403 (import_team), 501 api.team.import_team.not_supported.app_error
   */
  async importTeam(ctx: RequestContext, teamId: string): Promise<never> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.importTeam);
    throw AppError.notImplemented('api.team.import_team.not_supported.app_error', 'Slack import is not available on this server');
  }

  /** Validates and writes the whole team, then records the event. */
  async save(
    team: TeamRecord,
    eventType: 'team.updated' | 'team.deleted' | 'team.restored' | 'team.scheme_changed',
  ): Promise<TeamRecord> {
    const next = normaliseTeam({ ...team, update_at: this.deps.clock.now() });
    validateTeam(next);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.teams.update(next);
      emit(eventType === 'team.deleted' ? event('team.deleted', { team: next, permanent: false }) : event(eventType, { team: next }));
    });
    return next;
  }

  private async presentReadable(ctx: RequestContext, team: TeamRecord): Promise<Team> {
    const membership = await this.deps.permissions.membership(ctx, team.id);
    if (!isOpenTeam(team) && !this.deps.permissions.hasTeamWith(ctx, team.id, membership, P.viewTeam)) {
      throw AppError.forbidden(P.viewTeam);
    }
    return toWireTeam(team, this.visibilityFor(ctx, team, membership));
  }

  private newRecord(input: TeamInput, email: string): TeamRecord {
    const now = this.deps.clock.now();
    // Unknown types are refused before type and open invites are brought in step (see API-DIFFERENCES).
    const type = input.type ?? '';
    if (type !== '' && type !== TEAM_OPEN && type !== TEAM_INVITE) throw new AppError('model.team.is_valid.type.app_error', 400);
    const team: TeamRecord = {
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      display_name: input.display_name ?? '',
      name: input.name ?? '',
      description: input.description ?? '',
      email: email.toLowerCase(),
      type,
      company_name: input.company_name ?? '',
      allowed_domains: input.allowed_domains ?? '',
      invite_id: newId(),
      allow_open_invite: input.allow_open_invite ?? false,
      last_team_icon_update: 0,
      scheme_id: input.scheme_id ?? null,
      group_constrained: input.group_constrained ?? null,
      cloud_limits_archived: false,
    };
    normaliseTeam(team);
    validateTeam(team);
    return team;
  }
}
