import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../model/role.js';
import { fromDbBool, toDbBool } from './codec.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { RolesTable } from './tables/roles.tables.js';

function toRole(row: Selectable<RolesTable>): Role {
  return {
    id: row.id,
    name: row.name,
    display_name: row.display_name,
    description: row.description,
    create_at: row.create_at,
    update_at: row.update_at,
    delete_at: row.delete_at,
    permissions: row.permissions.split(' ').filter(Boolean),
    scheme_managed: fromDbBool(row.scheme_managed),
    built_in: fromDbBool(row.built_in),
  };
}

export class RoleStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when the name exists. */
  async insert(role: Role): Promise<void> {
    try {
      await this.db
        .insertInto('roles')
        .values({
          ...role,
          permissions: role.permissions.join(' '),
          scheme_managed: toDbBool(role.scheme_managed),
          built_in: toDbBool(role.built_in),
        })
        .execute();
    } catch (error) {
      throw mapDriverError(error, 'Role');
    }
  }

  async listAll(): Promise<Role[]> {
    const rows = await this.db.selectFrom('roles').selectAll().orderBy('name').execute();
    return rows.map(toRole);
  }

  async findById(id: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRole(row) : undefined;
  }

  async findByName(name: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toRole(row) : undefined;
  }

  async findByNames(names: readonly string[]): Promise<Role[]> {
    if (names.length === 0) return [];
    const rows = await this.db.selectFrom('roles').selectAll().where('name', 'in', [...names]).execute();
    return rows.map(toRole);
  }

  async updatePermissions(id: string, permissions: readonly string[], updateAt: number): Promise<void> {
    await this.db.updateTable('roles').set({ permissions: permissions.join(' '), update_at: updateAt }).where('id', '=', id).execute();
  }

  /** Marks the named roles deleted (a scheme's roles when the scheme goes). */
  async deleteByNames(names: readonly string[], deleteAt: number): Promise<void> {
    if (names.length === 0) return;
    await this.db.updateTable('roles').set({ delete_at: deleteAt, update_at: deleteAt }).where('name', 'in', [...names]).execute();
  }

  async delete(id: string, deleteAt: number): Promise<void> {
    await this.db.updateTable('roles').set({ delete_at: deleteAt, update_at: deleteAt }).where('id', '=', id).execute();
  }
}
