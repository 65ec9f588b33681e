import sharp from 'sharp';
import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { P } from '../../model/permissions.js';
import { isOpenTeam, type TeamRecord } from '../../model/team.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import { isFileNotFound, type FileStore } from '../files/file-store.js';
import { requireTeamRecord } from './team-lookups.js';

/** Mattermost scales team icons to a 128 px square. */
export const TEAM_ICON_SIZE = 128;

function iconPath(teamId: string): string {
  return `teams/${teamId}/teamIcon.png`;
}

/** Team icons: stored as a 128 px PNG; `last_team_icon_update` tells clients when to refetch. */
export class TeamIconService {
  constructor(
    private readonly deps: { store: Store; uow: UnitOfWork; config: LiveConfig; clock: Clock; permissions: Permissions; files: FileStore },
  ) {}

  /**
   * GET /teams/{id}/image: anyone may see an open team's icon; others need view_team.
   * @throws AppError 404 (team, or api.team.get_team_icon.read_file.app_error), 403 (view_team)
   */
  async getTeamIcon(ctx: RequestContext, teamId: string): Promise<{ image: Buffer; etag: string }> {
    const team = await this.team(teamId, 'app.team.get.find.app_error', 404);
    if (!isOpenTeam(team) && !(await this.deps.permissions.hasTeam(ctx, teamId, P.viewTeam))) throw AppError.forbidden(P.viewTeam);
    let image: Buffer;
    try {
      image = await this.deps.files.read(iconPath(teamId));
    } catch (error) {
      if (isFileNotFound(error)) throw AppError.notFound('api.team.get_team_icon.read_file.app_error', `team_id=${teamId}`);
      throw error;
    }
    return { image, etag: String(team.last_team_icon_update) };
  }

  /** Checked before the upload is read, as Mattermost does. @throws AppError 403 (manage_team) */
  async requireCanEdit(ctx: RequestContext, teamId: string): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
  }

  /**
   * POST /teams/{id}/image with the uploaded bytes: decoded, turned upright, cropped to a square
   * and stored as PNG.
   * @throws AppError 403 (manage_team), 400 api.team.set_team_icon.(get_team|check_image_limits|decode).app_error
   */
  async setTeamIcon(ctx: RequestContext, teamId: string, data: Buffer): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    const team = await this.team(teamId, 'api.team.set_team_icon.get_team.app_error', 400);
    let metadata: sharp.Metadata;
    try {
      metadata = await sharp(data).metadata();
    } catch (error) {
      throw new AppError('api.team.set_team_icon.decode.app_error', 400, { cause: error });
    }
    const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
    if (pixels > this.deps.config.get().FileSettings.MaxImageResolution) {
      throw AppError.badRequest('api.team.set_team_icon.check_image_limits.app_error', `pixels=${pixels}`);
    }
    let png: Buffer;
    try {
      png = await sharp(data).rotate().resize(TEAM_ICON_SIZE, TEAM_ICON_SIZE, { fit: 'cover', position: 'centre' }).png().toBuffer();
    } catch (error) {
      throw new AppError('api.team.set_team_icon.decode.app_error', 400, { cause: error });
    }
    await this.deps.files.write(iconPath(teamId), png);
    await this.setIconTime(team, this.deps.clock.now());
  }

  /**
   * DELETE /teams/{id}/image: clients fall back to the initials (the file itself stays, as in Mattermost).
   * @throws AppError 403 (manage_team), 400 api.team.remove_team_icon.get_team.app_error
   */
  async removeTeamIcon(ctx: RequestContext, teamId: string): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeam);
    const team = await this.team(teamId, 'api.team.remove_team_icon.get_team.app_error', 400);
    await this.setIconTime(team, 0);
  }

  private async setIconTime(team: TeamRecord, at: number): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.uow.run(async (tx, emit) => {
      await tx.teams.updateIconTime(team.id, at, now);
      emit(event('team.updated', { team: { ...team, last_team_icon_update: at, update_at: now } }));
    });
  }

  private team(teamId: string, errorId: string, status: number): Promise<TeamRecord> {
    return requireTeamRecord(this.deps.store, teamId, () => new AppError(errorId, status, { details: `team_id=${teamId}` }));
  }
}
