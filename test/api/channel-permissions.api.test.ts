import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/services/common/context.js';
import { asClientError, createChannel } from '../helpers/channels.js';
import { expectAppError } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

type Actor = 'systemAdmin' | 'teamAdmin' | 'channelAdmin' | 'member' | 'nonMember' | 'guest';
const ACTORS: readonly Actor[] = ['systemAdmin', 'teamAdmin', 'channelAdmin', 'member', 'nonMember', 'guest'];

interface Fixture {
  team: Team;
  channel: Channel;
  /** A plain member that actions on "someone else" act on. */
  target: UserProfile;
}

/**
 * Each action runs against a fresh channel of a fresh team: the team admin made the team; the
 * channel admin made the channel and added the member, the guest and the target; the non-member is
 * in the team only; the system admin is in neither. `allowed` lists who Mattermost's default
 * permissions let through; everyone else gets a 403.
 */
interface Action {
  name: string;
  type: 'O' | 'P';
  allowed: readonly Actor[];
  run(client: Client4, fixture: Fixture, url: string): Promise<unknown>;
  /** Something to do first, as the system admin (e.g. archive before a restore). */
  before?(admin: Client4, fixture: Fixture): Promise<unknown>;
}

const ALL: readonly Actor[] = ACTORS;
const READERS: readonly Actor[] = ['systemAdmin', 'channelAdmin', 'member', 'guest'];

const ACTIONS: readonly Action[] = [
  { name: 'read a public channel', type: 'O', allowed: ALL, run: (c, f) => c.getChannel(f.channel.id) },
  { name: 'read a private channel', type: 'P', allowed: READERS, run: (c, f) => c.getChannel(f.channel.id) },
  { name: 'list the members', type: 'O', allowed: READERS, run: (c, f) => c.getChannelMembers(f.channel.id) },
  { name: 'get the stats', type: 'P', allowed: READERS, run: (c, f) => c.getChannelStats(f.channel.id) },
  { name: 'patch a public channel', type: 'O', allowed: ['systemAdmin', 'channelAdmin', 'member'], run: (c, f) => c.patchChannel(f.channel.id, { header: 'x' }) },
  { name: 'patch a private channel', type: 'P', allowed: ['systemAdmin', 'channelAdmin', 'member'], run: (c, f) => c.patchChannel(f.channel.id, { purpose: 'x' }) },
  {
    name: 'add someone to a public channel',
    type: 'O',
    allowed: ['systemAdmin', 'teamAdmin', 'channelAdmin', 'member'],
    before: (admin, f) => admin.removeFromChannel(f.target.id, f.channel.id),
    run: (c, f) => c.addToChannel(f.target.id, f.channel.id),
  },
  {
    name: 'add someone to a private channel',
    type: 'P',
    allowed: ['systemAdmin', 'teamAdmin', 'channelAdmin', 'member'],
    before: (admin, f) => admin.removeFromChannel(f.target.id, f.channel.id),
    run: (c, f) => c.addToChannel(f.target.id, f.channel.id),
  },
  { name: 'remove someone', type: 'O', allowed: ['systemAdmin', 'teamAdmin', 'channelAdmin', 'member'], run: (c, f) => c.removeFromChannel(f.target.id, f.channel.id) },
  {
    name: 'make someone channel admin',
    type: 'O',
    allowed: ['systemAdmin', 'teamAdmin', 'channelAdmin'],
    run: (c, f) => c.updateChannelMemberRoles(f.channel.id, f.target.id, 'channel_user channel_admin'),
  },
  { name: 'archive a public channel', type: 'O', allowed: ['systemAdmin', 'channelAdmin', 'member'], run: (c, f) => c.deleteChannel(f.channel.id) },
  { name: 'archive a private channel', type: 'P', allowed: ['systemAdmin', 'channelAdmin', 'member'], run: (c, f) => c.deleteChannel(f.channel.id) },
  {
    name: 'restore a channel',
    type: 'O',
    allowed: ['systemAdmin', 'teamAdmin'],
    before: (admin, f) => admin.deleteChannel(f.channel.id),
    run: (c, f) => c.unarchiveChannel(f.channel.id),
  },
  { name: 'make a public channel private', type: 'O', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.updateChannelPrivacy(f.channel.id, 'P') },
  { name: 'make a private channel public', type: 'P', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.updateChannelPrivacy(f.channel.id, 'O') },
  {
    name: 'read a member\u2019s unread counts',
    type: 'P',
    allowed: READERS,
    run: async (c, f, url) => {
      const response = await rawRequest(url, 'GET', `/api/v4/users/me/channels/${f.channel.id}/unread`, { token: c.getToken() });
      // Readers who are not members get past the check to "no such membership".
      if (response.status !== 200 && response.status !== 404) throw asClientError(response);
      return response.json as unknown;
    },
  },
];

describe('channel permissions', () => {
  let th: TestHelper;
  const clients = {} as Record<Actor, Client4>;
  const users = {} as Record<Actor, UserProfile>;

  async function fixture(type: 'O' | 'P'): Promise<Fixture> {
    const team = await th.createTeam(clients.teamAdmin, { open: false });
    const { user: target } = await th.createUser();
    await clients.teamAdmin.addUsersToTeam(team.id, [users.channelAdmin.id, users.member.id, users.nonMember.id, users.guest.id, target.id]);
    const channel = await createChannel(clients.channelAdmin, team.id, { type });
    for (const user of [users.member, users.guest, target]) await clients.channelAdmin.addToChannel(user.id, channel.id);
    return { team, channel, target };
  }

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    clients.systemAdmin = th.adminClient;
    users.systemAdmin = th.systemAdminUser;
    clients.member = th.client;
    users.member = th.basicUser;
    clients.nonMember = th.client2;
    users.nonMember = th.basicUser2;
    for (const actor of ['teamAdmin', 'channelAdmin'] as const) {
      const { user } = await th.createUser();
      users[actor] = user;
      clients[actor] = await th.login(user.username);
    }
    const guest = await th.createGuest();
    users.guest = guest.user;
    clients.guest = guest.client;
  });
  afterAll(async () => {
    await th.tearDown();
  });

  for (const action of ACTIONS) {
    describe(action.name, () => {
      for (const actor of ACTORS) {
        const allowed = action.allowed.includes(actor);
        it(`${allowed ? 'lets' : 'refuses'} the ${actor}`, async () => {
          const f = await fixture(action.type);
          if (action.before) await action.before(th.adminClient, f);
          if (allowed) await expect(action.run(clients[actor], f, th.url)).resolves.toBeDefined();
          else await expectAppError(action.run(clients[actor], f, th.url), 403, 'api.context.permissions.app_error');
        });
      }
    });
  }

  it('lets team members join public channels, and nobody join private ones uninvited', async () => {
    const pub = await fixture('O');
    await expect(clients.nonMember.addToChannel(users.nonMember.id, pub.channel.id)).resolves.toMatchObject({ user_id: users.nonMember.id });
    const priv = await fixture('P');
    await expectAppError(clients.nonMember.addToChannel(users.nonMember.id, priv.channel.id), 403, 'api.context.permissions.app_error');
    await th.changeRolePermissions('team_user', { remove: ['join_public_channels'] });
    try {
      const other = await fixture('O');
      await expectAppError(clients.nonMember.addToChannel(users.nonMember.id, other.channel.id), 403, 'api.context.permissions.app_error');
    } finally {
      await th.changeRolePermissions('team_user', { add: ['join_public_channels'] });
    }
  });

  it('shows a guest only the channels it belongs to', async () => {
    const f = await fixture('O');
    const elsewhere = await createChannel(clients.channelAdmin, f.team.id);
    await expectAppError(clients.guest.getChannel(elsewhere.id), 403, 'api.context.permissions.app_error');
    await expectAppError(clients.guest.getChannels(f.team.id), 403, 'api.context.permissions.app_error');
    const mine = (await clients.guest.getMyChannels(f.team.id)).map((c) => c.id);
    expect(mine).toContain(f.channel.id);
    expect(mine).not.toContain(elsewhere.id);
    await expectAppError(clients.guest.addToChannel(users.guest.id, elsewhere.id), 403, 'api.context.permissions.app_error');
  });

  it('makes a channel read-only for members when its scheme takes create_post away', async () => {
    const f = await fixture('O');
    const other = await fixture('O');
    const services = th.server.app.services;
    const contextOf = async (client: Client4): Promise<RequestContext> => {
      const session = await services.sessions.resolve(client.getToken());
      return { requestId: 'test', ip: '', userAgent: '', session, isSystem: false };
    };
    const otherRecord = await services.channels.getChannelRecord(other.channel.id);
    const member = await contextOf(clients.member);
    const channelAdmin = await contextOf(clients.channelAdmin);
    expect(await services.channelAccess.canPost(member, await services.channels.getChannelRecord(f.channel.id))).toBe(true);

    const scheme = await th.adminClient.createScheme({ display_name: 'Read only', scope: 'channel' } as never);
    await th.changeRolePermissions(scheme.default_channel_user_role, { remove: ['create_post'] });
    await th.adminClient.updateChannelScheme(f.channel.id, scheme.id);
    const withScheme = await services.channels.getChannelRecord(f.channel.id);
    expect(withScheme.scheme_id).toBe(scheme.id);
    expect(await services.channelAccess.canPost(member, withScheme)).toBe(false);
    await expect(services.channelAccess.checkCanPost(member, withScheme)).rejects.toMatchObject({ statusCode: 403, id: 'api.context.permissions.app_error' });
    // Channel admins keep what the higher scope grants; other channels are untouched.
    expect(await services.channelAccess.canPost(channelAdmin, withScheme)).toBe(true);
    expect(await services.channelAccess.canPost(member, otherRecord)).toBe(true);
    const memberRoles = await th.client.getChannelMember(f.channel.id, users.member.id);
    expect(memberRoles.roles).toBe(scheme.default_channel_user_role);
    expect((await th.adminClient.getSchemeChannels(scheme.id)).map((c) => c.id)).toEqual([f.channel.id]);

    // Deleting the scheme puts the channel back on its team's scheme.
    await th.adminClient.deleteScheme(scheme.id);
    expect(await services.channelAccess.canPost(member, await services.channels.getChannelRecord(f.channel.id))).toBe(true);
  });

  it('refuses channel schemes to non-admins and team schemes on channels', async () => {
    const f = await fixture('O');
    const channelScheme = await th.adminClient.createScheme({ display_name: 'C', scope: 'channel' } as never);
    const teamScheme = await th.adminClient.createScheme({ display_name: 'T', scope: 'team' } as never);
    await expectAppError(clients.teamAdmin.updateChannelScheme(f.channel.id, channelScheme.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.adminClient.updateChannelScheme(f.channel.id, teamScheme.id), 400, 'api.channel.update_channel_scheme.scheme_scope.error');
    await expectAppError(th.adminClient.updateChannelScheme(f.channel.id, 'k'.repeat(26)), 404, 'app.scheme.get.app_error');
  });
});
