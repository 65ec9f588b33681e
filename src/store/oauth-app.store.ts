import type { Insertable, Kysely, Selectable } from 'kysely';
import type { OAuthApp } from '../model/oauth.js';
import { fromDbBool, fromDbJson, toDbBool } from './codec.js';
import type { DB } from './schema.js';
import type { OAuthAppsTable } from './tables/oauth.tables.js';

function toApp(row: Selectable<OAuthAppsTable>): OAuthApp {
  const app: OAuthApp = {
    id: row.id,
    creator_id: row.creator_id,
    create_at: row.create_at,
    update_at: row.update_at,
    client_secret: row.client_secret,
    name: row.name,
    description: row.description,
    icon_url: row.icon_url,
    callback_urls: fromDbJson<string[]>(row.callback_urls, []),
    homepage: row.homepage,
    is_trusted: fromDbBool(row.is_trusted),
    mattermost_app_id: row.mattermost_app_id,
  };
  if (fromDbBool(row.is_dynamically_registered)) app.is_dynamically_registered = true;
  return app;
}

function toRow(app: OAuthApp): Insertable<OAuthAppsTable> {
  return {
    id: app.id,
    creator_id: app.creator_id,
    create_at: app.create_at,
    update_at: app.update_at,
    client_secret: app.client_secret,
    name: app.name,
    description: app.description,
    icon_url: app.icon_url,
    callback_urls: JSON.stringify(app.callback_urls),
    homepage: app.homepage,
    is_trusted: toDbBool(app.is_trusted),
    mattermost_app_id: app.mattermost_app_id,
    is_dynamically_registered: toDbBool(app.is_dynamically_registered ?? false),
  };
}

/** Registered OAuth 2.0 client apps. */
export class OAuthAppStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(app: OAuthApp): Promise<void> {
    await this.db.insertInto('oauth_apps').values(toRow(app)).execute();
  }

  /** Writes every column but id, creator and creation time. */
  async update(app: OAuthApp): Promise<void> {
    const { id, creator_id: _creator, create_at: _created, ...rest } = toRow(app);
    await this.db.updateTable('oauth_apps').set(rest).where('id', '=', id).execute();
  }

  async findById(id: string): Promise<OAuthApp | undefined> {
    const row = await this.db.selectFrom('oauth_apps').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApp(row) : undefined;
  }

  /** A page of apps, optionally only those `creatorId` registered. */
  async list(offset: number, limit: number, creatorId?: string): Promise<OAuthApp[]> {
    let query = this.db.selectFrom('oauth_apps').selectAll();
    if (creatorId !== undefined) query = query.where('creator_id', '=', creatorId);
    const rows = await query.orderBy('create_at').orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toApp);
  }

  /** A page of the apps the user has allowed. */
  async listAuthorizedBy(userId: string, offset: number, limit: number): Promise<OAuthApp[]> {
    const rows = await this.db
      .selectFrom('oauth_apps as a')
      .innerJoin('oauth_authorizations as z', 'z.client_id', 'a.id')
      .selectAll('a')
      .where('z.user_id', '=', userId)
      .orderBy('a.create_at')
      .orderBy('a.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toApp);
  }

  async deleteById(id: string): Promise<void> {
    await this.db.deleteFrom('oauth_apps').where('id', '=', id).execute();
  }
}
