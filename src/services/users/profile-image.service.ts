import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { ConfiguredFileStore } from '../files/configured-file-store.js';
import { fillSquarePng, ImageDecodeError, readImageInfo, withinResolution } from '../files/images.js';
import { PROFILE_IMAGE_SIZE, renderDefaultAvatar } from './default-avatar.js';
import type { UserQueryService } from './user-query.service.js';

const DAY_SECONDS = 24 * 60 * 60;
const FIVE_MINUTES_SECONDS = 5 * 60;
// The formats Mattermost's decoders read; anything else is refused like a non-image.
const ACCEPTED_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'gif', 'webp', 'tiff']);

/** A picture ready to send, with the caching Mattermost announces for it. */
export interface ProfilePicture {
  png: Buffer;
  /** Seconds for `Cache-Control: max-age=…, private`. */
  maxAgeSeconds: number;
  /** Sent as `ETag` (and matched against `If-None-Match`) when set. */
  etag?: string;
}

/** Where a user's uploaded picture is kept in the file store (Mattermost's layout). */
export function profileImagePath(userId: string): string {
  return `users/${userId}/profile.png`;
}

/**
 * Profile pictures: the uploaded one or a generated default, upload with Mattermost's limits and
 * cropping, and reset to the default.
 *
 * `last_picture_update` tells them apart: positive is the time of the last upload; zero (never
 * set) or negative (reset, or renamed while on the default, at minus that time) means the default.
 */
export class ProfileImageService {
  constructor(
    private readonly deps: {
      store: Store;
      uow: UnitOfWork;
      config: LiveConfig;
      clock: Clock;
      permissions: Permissions;
      files: ConfiguredFileStore;
      userQueries: UserQueryService;
    },
  ) {}

  /**
   * GET /users/{id}/image. Without `If-None-Match` matching the picture's ETag, returns the
   * picture; with it, returns only the ETag (`notModified`).
   * @throws AppError 403 (view_members), 404
   */
  async getProfileImage(ctx: RequestContext, userId: string, ifNoneMatch: string | undefined): Promise<ProfilePicture & { notModified: boolean }> {
    await this.deps.userQueries.checkCanSee(ctx, userId);
    const user = await this.getUser(userId);
    const etag = String(user.last_picture_update);
    if (ifNoneMatch !== undefined && ifNoneMatch === etag) {
      return { png: Buffer.alloc(0), maxAgeSeconds: DAY_SECONDS, etag, notModified: true };
    }
    if (user.last_picture_update > 0) {
      const stored = await this.deps.files.read(profileImagePath(user.id)).catch(() => undefined);
      if (stored) return { png: stored, maxAgeSeconds: DAY_SECONDS, etag, notModified: false };
    }
    const png = await renderDefaultAvatar(user);
    // A reset default is fixed until the next rename or upload, which change last_picture_update;
    // otherwise (never set, or the upload went missing) Mattermost lets clients keep it briefly.
    if (user.last_picture_update < 0) return { png, maxAgeSeconds: DAY_SECONDS, etag, notModified: false };
    return { png, maxAgeSeconds: FIVE_MINUTES_SECONDS, notModified: false };
  }

  /**
   * GET /users/{id}/image/default: the generated picture, whatever was uploaded.
   * @throws AppError 403 (view_members), 404
   */
  async getDefaultProfileImage(ctx: RequestContext, userId: string): Promise<ProfilePicture> {
    await this.deps.userQueries.checkCanSee(ctx, userId);
    const user = await this.getUser(userId);
    return { png: await renderDefaultAvatar(user), maxAgeSeconds: DAY_SECONDS };
  }

  /**
   * Checks, before the upload is read, that the caller may change the user's picture and that
   * uploads are possible at all.
   * @throws AppError 403 (edit_other_users), 501 api.user.upload_profile_user.storage.app_error
   */
  async checkCanSetProfileImage(ctx: RequestContext, userId: string): Promise<void> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    this.checkStorage();
  }

  /**
   * POST /users/{id}/image with the uploaded bytes: checked against `MaxImageResolution`,
   * turned upright, cropped to a 128 px square PNG and stored.
   * @throws AppError 400 check_image_limits / decode, 400 invalid user_id, 403, 500 upload_profile, 501 storage
   */
  async setProfileImage(ctx: RequestContext, userId: string, data: Buffer): Promise<void> {
    await this.checkCanSetProfileImage(ctx, userId);
    const user = await this.deps.store.users.findById(userId);
    // Mattermost names the path parameter when the account is gone by the time the upload arrives.
    if (!user) throw AppError.invalidUrlParam('user_id');
    const maxPixels = this.deps.config.get().FileSettings.MaxImageResolution;
    const info = await readImageInfo(data);
    if (!info || !ACCEPTED_FORMATS.has(info.format) || !withinResolution(info, maxPixels)) {
      throw AppError.badRequest('api.user.upload_profile_user.check_image_limits.app_error', info ? `${info.format} ${info.width}x${info.height}` : 'not an image');
    }
    let png: Buffer;
    try {
      png = await fillSquarePng(data, PROFILE_IMAGE_SIZE, maxPixels);
    } catch (error) {
      if (error instanceof ImageDecodeError) throw AppError.badRequest('api.user.upload_profile_user.decode.app_error', error.message);
      throw error;
    }
    const path = profileImagePath(user.id);
    // The same picture again changes nothing, so clients keep their cached copy.
    if (user.last_picture_update > 0) {
      const stored = await this.deps.files.read(path).catch(() => undefined);
      if (stored?.equals(png)) return;
    }
    try {
      await this.deps.files.write(path, png);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('api.user.upload_profile_user.upload_profile.app_error', 500, { cause: error, details: String(error) });
    }
    await this.recordPictureChange(user, this.deps.clock.now());
  }

  /**
   * DELETE /users/{id}/image: back to the generated picture. `last_picture_update` becomes minus
   * the current time, so clients that cache by it fetch the default again.
   * @throws AppError 403, 404, 501 storage
   */
  async setDefaultProfileImage(ctx: RequestContext, userId: string): Promise<void> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    this.checkStorage();
    const user = await this.getUser(userId);
    await this.deps.files.remove(profileImagePath(user.id));
    await this.recordPictureChange(user, -this.deps.clock.now());
  }

  private async recordPictureChange(user: UserRecord, lastPictureUpdate: number): Promise<void> {
    const now = this.deps.clock.now();
    const next: UserRecord = { ...user, last_picture_update: lastPictureUpdate, update_at: now };
    await this.deps.uow.run(async (tx, emit) => {
      await tx.users.updateLastPictureUpdate(user.id, lastPictureUpdate, now);
      emit(event('user.picture_changed', { user: next }));
    });
  }

  private checkStorage(): void {
    if (!this.deps.files.isConfigured()) {
      throw AppError.notImplemented('api.user.upload_profile_user.storage.app_error', 'FileSettings.DriverName is empty');
    }
  }

  private async getUser(userId: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findById(userId);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${userId}`);
    return user;
  }
}
