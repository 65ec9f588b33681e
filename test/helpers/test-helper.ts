import type { Client4 } from '@mattermost/client';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { Config } from '../../src/config/defaults.js';
import { newClient, startTestServer, type TestServer, type TestServerOptions } from './server.js';

let counter = 0;

/** A unique, valid username/email seed per call within a test file. */
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 7)}`;
}

export const DEFAULT_PASSWORD = 'Passw0rd!long';

/**
 * Mattermost-style API test helper: a server per test file, a system admin, and logged-in
 * Client4s for ordinary users. Create it in beforeAll, tear it down in afterAll.
 */
export class TestHelper {
  /** Logged in as the first account, which the server makes system admin. */
  adminClient!: Client4;
  systemAdminUser!: UserProfile;
  /** A plain member (system_user). */
  client!: Client4;
  basicUser!: UserProfile;
  client2!: Client4;
  basicUser2!: UserProfile;

  private constructor(readonly server: TestServer) {}

  static async setup(configure?: (config: Config) => void, options: TestServerOptions = {}): Promise<TestHelper> {
    return new TestHelper(await startTestServer(configure, options));
  }

  get url(): string {
    return this.server.url;
  }

  /** Anonymous client. */
  anonymousClient(): Client4 {
    return newClient(this.url);
  }

  updateConfig(mutate: (config: Config) => void): void {
    this.server.updateConfig(mutate);
  }

  /** Creates the admin and two members, each with a logged-in client. */
  async initBasic(): Promise<this> {
    const admin = await this.createUser({ username: uniqueName('admin') });
    this.systemAdminUser = admin.user;
    this.adminClient = await this.login(admin.user.username);
    const basic = await this.createUser();
    this.basicUser = basic.user;
    this.client = await this.login(basic.user.username);
    const basic2 = await this.createUser();
    this.basicUser2 = basic2.user;
    this.client2 = await this.login(basic2.user.username);
    return this;
  }

  /** Runs `work` with the config changed by `mutate`, then puts the previous config back (even when `work` fails). */
  async withConfig<T>(mutate: (config: Config) => void, work: () => Promise<T>): Promise<T> {
    const live = this.server.app.services.config;
    const previous = structuredClone(live.get());
    live.update(mutate);
    try {
      return await work();
    } finally {
      live.replace(previous);
    }
  }

  /** Logs the admin and both members in again (after a test ended their sessions, e.g. by moving the clock). */
  async reloginBasic(): Promise<void> {
    this.adminClient = await this.login(this.systemAdminUser.username);
    this.client = await this.login(this.basicUser.username);
    this.client2 = await this.login(this.basicUser2.username);
  }

  /**
   * Creates an account (as the admin once one exists, else by open signup of the first user).
   */
  async createUser(overrides: Partial<UserProfile> & { password?: string } = {}): Promise<{ user: UserProfile; password: string }> {
    const username = overrides.username ?? uniqueName();
    const password = overrides.password ?? DEFAULT_PASSWORD;
    const creator = this.adminClient ?? this.anonymousClient();
    const user = await creator.createUser({ email: `${username}@example.com`, ...overrides, username, password } as UserProfile, '', '');
    return { user, password };
  }

  /** A team created by `creator` (the admin by default); open to anyone unless `open` is false. */
  async createTeam(creator: Client4 = this.adminClient, overrides: Partial<Team> & { open?: boolean } = {}): Promise<Team> {
    const { open = true, ...rest } = overrides;
    const name = uniqueName('team');
    return creator.createTeam({
      name,
      display_name: `Team ${name}`,
      type: open ? 'O' : 'I',
      allow_open_invite: open,
      ...rest,
    } as Team);
  }

  /** An open team of the admin's with both basic users in it. */
  async createBasicTeam(): Promise<Team> {
    const team = await this.createTeam();
    await this.adminClient.addUsersToTeam(team.id, [this.basicUser.id, this.basicUser2.id]);
    return team;
  }

  /** A guest account (system_guest) with a logged-in client. */
  async createGuest(): Promise<{ user: UserProfile; client: Client4 }> {
    const { user } = await this.createUser();
    await this.adminClient.updateUserRoles(user.id, 'system_guest');
    return { user: { ...user, roles: 'system_guest' }, client: await this.login(user.username) };
  }

  /** Adds and removes permissions of a role through the API (as an admin would in the console). */
  async changeRolePermissions(roleName: string, change: { add?: string[]; remove?: string[] }): Promise<void> {
    const role = await this.adminClient.getRoleByName(roleName);
    const removed = new Set(change.remove ?? []);
    const permissions = [...new Set([...role.permissions.filter((p) => !removed.has(p)), ...(change.add ?? [])])];
    await this.adminClient.patchRole(role.id, { permissions });
  }

  /** A client logged in with the username and password. */
  async login(username: string, password = DEFAULT_PASSWORD): Promise<Client4> {
    const client = this.anonymousClient();
    await client.login(username, password);
    return client;
  }

  async tearDown(): Promise<void> {
    await this.server.close();
  }
}
