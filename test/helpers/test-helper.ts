import type { Client4 } from '@mattermost/client';
import type { UserProfile } from '@mattermost/types/users';
import type { Config } from '../../src/config/defaults.js';
import type { Clock } from '../../src/lib/clock.js';
import { newClient, startTestServer, type TestServer } from './server.js';

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

  /** `clock` lets a test move the server's time (expiries) without waiting. */
  static async setup(configure?: (config: Config) => void, options: { clock?: Clock } = {}): Promise<TestHelper> {
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
