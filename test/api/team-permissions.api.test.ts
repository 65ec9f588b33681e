import type { Client4 } from '@mattermost/client';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

type Actor = 'systemAdmin' | 'teamAdmin' | 'member' | 'nonMember' | 'guest';
const ACTORS: readonly Actor[] = ['systemAdmin', 'teamAdmin', 'member', 'nonMember', 'guest'];

interface Fixture {
  team: Team;
  /** A second member that actions on "someone else" act on. */
  target: UserProfile;
}

/**
 * Each action runs against a fresh invite-only team made by the team admin, with the member,
 * the guest and a target user in it; the system admin is not a member. `allowed` lists who
 * Mattermost's default permissions let through; everyone else must get a 403.
 */
interface Action {
  name: string;
  allowed: readonly Actor[];
  run(client: Client4, fixture: Fixture, url: string): Promise<unknown>;
  /** What an allowed actor sees, when it is not a plain success (e.g. 501 after the check). */
  allowedError?: { status: number; id: string };
}

const ACTIONS: readonly Action[] = [
  { name: 'view the team', allowed: ['systemAdmin', 'teamAdmin', 'member', 'guest'], run: (c, f) => c.getTeam(f.team.id) },
  { name: 'get team stats', allowed: ['systemAdmin', 'teamAdmin', 'member', 'guest'], run: (c, f) => c.getTeamStats(f.team.id) },
  { name: 'list team members', allowed: ['systemAdmin', 'teamAdmin', 'member', 'guest'], run: (c, f) => c.getTeamMembers(f.team.id) },
  { name: 'patch the team', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.patchTeam({ id: f.team.id, description: 'patched' }) },
  { name: 'update the team', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.updateTeam({ ...f.team, description: 'updated' }) },
  {
    name: 'change privacy',
    allowed: ['systemAdmin', 'teamAdmin'],
    run: async (c, f, url) => {
      const response = await rawRequest(url, 'PUT', `/api/v4/teams/${f.team.id}/privacy`, { token: c.getToken(), body: { privacy: 'O' } });
      // Shaped like Client4's errors so the same assertions apply.
      if (response.status !== 200) throw Object.assign(new Error('privacy'), { status_code: response.status, server_error_id: String(response.json?.id) });
      return response.json as unknown;
    },
  },
  { name: 'regenerate the invite id', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.regenerateTeamInviteId(f.team.id) },
  { name: 'archive the team', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.deleteTeam(f.team.id) },
  { name: 'restore the team', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.unarchiveTeam(f.team.id) },
  { name: 'add a member', allowed: ['systemAdmin', 'teamAdmin', 'member'], run: (c, f) => c.addToTeam(f.team.id, f.target.id) },
  { name: 'remove a member', allowed: ['systemAdmin', 'teamAdmin'], run: (c, f) => c.removeFromTeam(f.team.id, f.target.id) },
  {
    name: 'update member roles',
    allowed: ['systemAdmin', 'teamAdmin'],
    run: (c, f) => c.updateTeamMemberRoles(f.team.id, f.target.id, 'team_user team_admin' as never),
  },
  {
    name: 'update member scheme roles',
    allowed: ['systemAdmin', 'teamAdmin'],
    run: (c, f) => c.updateTeamMemberSchemeRoles(f.team.id, f.target.id, true, true),
  },
  {
    name: 'invite by email',
    allowed: ['systemAdmin', 'teamAdmin', 'member'],
    // Email invitations are off by default: whoever passes the permission check learns it next.
    allowedError: { status: 501, id: 'api.team.invite_members.disabled.app_error' },
    run: (c, f) => c.sendEmailInvitesToTeam(f.team.id, ['someone@example.com']),
  },
];

describe('team permissions', () => {
  let th: TestHelper;
  const clients = {} as Record<Actor, Client4>;
  const users = {} as Record<Actor, UserProfile>;

  async function fixture(): Promise<Fixture> {
    const team = await th.createTeam(clients.teamAdmin, { open: false });
    const { user: target } = await th.createUser();
    await clients.teamAdmin.addUsersToTeam(team.id, [users.member.id, users.guest.id, target.id]);
    return { team, target };
  }

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    clients.systemAdmin = th.adminClient;
    users.systemAdmin = th.systemAdminUser;
    clients.member = th.client;
    users.member = th.basicUser;
    clients.nonMember = th.client2;
    users.nonMember = th.basicUser2;
    const teamAdmin = await th.createUser();
    users.teamAdmin = teamAdmin.user;
    clients.teamAdmin = await th.login(teamAdmin.user.username);
    const guest = await th.createGuest();
    users.guest = guest.user;
    clients.guest = guest.client;
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('gives the guest team_guest in the team', async () => {
    const { team } = await fixture();
    const member = await th.adminClient.getTeamMember(team.id, users.guest.id);
    expect(member).toMatchObject({ scheme_guest: true, scheme_user: false, roles: 'team_guest' });
  });

  for (const action of ACTIONS) {
    describe(action.name, () => {
      for (const actor of ACTORS) {
        const allowed = action.allowed.includes(actor);
        it(`${allowed ? 'lets' : 'refuses'} the ${actor}`, async () => {
          const f = await fixture();
          if (action.name === 'restore the team') await th.adminClient.deleteTeam(f.team.id);
          if (!allowed) {
            await expectAppError(action.run(clients[actor], f, th.url), 403, 'api.context.permissions.app_error');
          } else if (action.allowedError) {
            await expectAppError(action.run(clients[actor], f, th.url), action.allowedError.status, action.allowedError.id);
          } else {
            await expect(action.run(clients[actor], f, th.url)).resolves.toBeDefined();
          }
        });
      }
    });
  }

  it('follows a permission removed from team_user through patchRole', async () => {
    const f = await fixture();
    const { user: other } = await th.createUser();
    await th.changeRolePermissions('team_user', { remove: ['add_user_to_team'] });
    try {
      await expectAppError(clients.member.addToTeam(f.team.id, other.id), 403, 'api.context.permissions.app_error');
      await expect(clients.teamAdmin.addToTeam(f.team.id, other.id)).rejects.toMatchObject({ status_code: 403 });
      await expect(clients.systemAdmin.addToTeam(f.team.id, other.id)).resolves.toMatchObject({ user_id: other.id });
    } finally {
      await th.changeRolePermissions('team_user', { add: ['add_user_to_team'] });
    }
    const { user: another } = await th.createUser();
    await expect(clients.member.addToTeam(f.team.id, another.id)).resolves.toMatchObject({ user_id: another.id });
  });

  it('lets a team scheme change a permission for its team only', async () => {
    const withScheme = await fixture();
    const without = await fixture();
    const scheme = await th.adminClient.createScheme({ display_name: 'No adding', scope: 'team' } as never);
    await th.changeRolePermissions(scheme.default_team_user_role, { remove: ['add_user_to_team'] });
    await th.adminClient.updateTeamScheme(withScheme.team.id, scheme.id);
    const member = await th.adminClient.getTeamMember(withScheme.team.id, users.member.id);
    expect(member.roles).toBe(scheme.default_team_user_role);
    const { user: other } = await th.createUser();
    await expectAppError(clients.member.addToTeam(withScheme.team.id, other.id), 403, 'api.context.permissions.app_error');
    await expect(clients.member.addToTeam(without.team.id, other.id)).resolves.toMatchObject({ user_id: other.id });
    // Back on the system scheme, the team follows team_user again.
    await th.adminClient.updateTeamScheme(withScheme.team.id, '');
    await expect(clients.member.addToTeam(withScheme.team.id, other.id)).resolves.toMatchObject({ user_id: other.id });
  });

  it('lets a scheme admin role grant what team_admin grants', async () => {
    const f = await fixture();
    const scheme = await th.adminClient.createScheme({ display_name: 'Admins', scope: 'team' } as never);
    await th.adminClient.updateTeamScheme(f.team.id, scheme.id);
    await expect(clients.teamAdmin.patchTeam({ id: f.team.id, description: 'still admin' })).resolves.toMatchObject({ description: 'still admin' });
    await th.changeRolePermissions(scheme.default_team_admin_role, { remove: ['manage_team'] });
    await expectAppError(clients.teamAdmin.patchTeam({ id: f.team.id, description: 'no longer' }), 403, 'api.context.permissions.app_error');
  });
});
