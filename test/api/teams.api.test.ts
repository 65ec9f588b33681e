import type { Team } from '@mattermost/types/teams';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

describe('teams', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  describe('creation', () => {
    it('creates a team whose creator is its admin and sees it whole', async () => {
      const name = uniqueName('create');
      const team = await th.client.createTeam({ name, display_name: 'Created', type: 'O', allow_open_invite: true } as Team);
      expect(team).toMatchObject({ name, display_name: 'Created', type: 'O', allow_open_invite: true, delete_at: 0, scheme_id: null });
      expect(team.email).toBe(th.basicUser.email);
      expect(team.invite_id).toMatch(/^[a-z0-9]{26}$/);
      expect(team).not.toHaveProperty('last_team_icon_update');
      const member = await th.client.getTeamMember(team.id, th.basicUser.id);
      expect(member).toMatchObject({ scheme_user: true, scheme_admin: true, roles: 'team_user team_admin', delete_at: 0 });
    });

    it('keeps type and open invites in step', async () => {
      const closed = await th.client.createTeam({ name: uniqueName('closed'), display_name: 'Closed', type: 'O' } as Team);
      expect(closed).toMatchObject({ type: 'I', allow_open_invite: false });
      const untyped = await th.client.createTeam({ name: uniqueName('untyped'), display_name: 'Untyped', allow_open_invite: true } as Team);
      expect(untyped).toMatchObject({ type: 'O', allow_open_invite: true });
    });

    it('finds the team by name and says whether it exists', async () => {
      const team = await th.createTeam();
      expect((await th.client.getTeamByName(team.name)).id).toBe(team.id);
      expect(await th.client.checkIfTeamExists(team.name)).toEqual({ exists: true });
      expect(await th.client.checkIfTeamExists('no-such-team')).toEqual({ exists: false });
      await expectAppError(th.client.getTeamByName('no-such-team'), 404, 'app.team.get_by_name.missing.app_error');
    });

    it('refuses bad names, reserved names and duplicates with Mattermost ids', async () => {
      const create = (team: Partial<Team>) => th.client.createTeam({ display_name: 'Bad', type: 'O', ...team } as Team);
      await expectAppError(create({ name: 'a'.repeat(65) }), 400, 'model.team.is_valid.url.app_error');
      await expectAppError(create({ name: 'Bad Name!' }), 400, 'model.team.is_valid.characters.app_error');
      await expectAppError(create({ name: '' }), 400, 'model.team.is_valid.characters.app_error');
      await expectAppError(create({ name: 'x' }), 400, 'model.team.is_valid.characters.app_error');
      await expectAppError(create({ name: 'admin-team' }), 400, 'model.team.is_valid.reserved.app_error');
      await expectAppError(create({ name: 'signup' }), 400, 'model.team.is_valid.reserved.app_error');
      await expectAppError(create({ name: uniqueName('nodn'), display_name: '' }), 400, 'model.team.is_valid.name.app_error');
      await expectAppError(create({ name: uniqueName('long'), display_name: 'd'.repeat(65) }), 400, 'model.team.is_valid.name.app_error');
      await expectAppError(create({ name: uniqueName('desc'), description: 'd'.repeat(256) }), 400, 'model.team.is_valid.description.app_error');
      await expectAppError(create({ name: uniqueName('type'), type: 'X' as never }), 400, 'model.team.is_valid.type.app_error');
      const taken = await th.createTeam();
      await expectAppError(create({ name: taken.name }), 400, 'store.sql_team.save_team.existing.app_error');
      await expectAppError(create({ name: uniqueName('withid'), id: 'a'.repeat(26) }), 400, 'store.sql_team.save_team.existing.app_error');
    });

    it('refuses malformed bodies as invalid_body_param', async () => {
      const token = th.client.getToken();
      for (const body of ['not json', '[1,2]', '{"name":1}', '{"allow_open_invite":"yes"}']) {
        expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/teams', { token, body }), 400, 'api.context.invalid_body_param.app_error');
      }
      expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/teams/not-an-id', { token }), 400, 'api.context.invalid_url_param.app_error');
      expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/teams/name/A!/exists', { token }), 400, 'api.context.invalid_url_param.app_error');
      expectErrorBody(await rawRequest(th.url, 'GET', `/api/v4/teams/${'a'.repeat(26)}`, { token }), 404, 'app.team.get.find.app_error');
    });

    it('refuses creation without create_team', async () => {
      await th.changeRolePermissions('system_user', { remove: ['create_team'] });
      try {
        await expectAppError(th.createTeam(th.client), 403, 'api.team.is_team_creation_allowed.disabled.app_error');
      } finally {
        await th.changeRolePermissions('system_user', { add: ['create_team'] });
      }
    });

    it('refuses a team whose creator is outside the allowed domains', async () => {
      await expectAppError(th.createTeam(th.client, { allowed_domains: 'elsewhere.org' }), 400, 'api.team.is_team_creation_allowed.domain.app_error');
    });
  });

  describe('members', () => {
    it('adds one user, several users, and lists them', async () => {
      const team = await th.createTeam();
      const added = await th.adminClient.addToTeam(team.id, th.basicUser.id);
      expect(added).toMatchObject({ team_id: team.id, user_id: th.basicUser.id, roles: 'team_user', explicit_roles: '', scheme_guest: false });
      const { user: third } = await th.createUser();
      const batch = await th.adminClient.addUsersToTeam(team.id, [th.basicUser2.id, third.id]);
      expect(batch.map((m) => m.user_id).sort()).toEqual([th.basicUser2.id, third.id].sort());
      const members = await th.client.getTeamMembers(team.id);
      expect(members).toHaveLength(4);
      const byIds = await th.client.getTeamMembersByIds(team.id, [third.id]);
      expect(byIds.map((m) => m.user_id)).toEqual([third.id]);
      expect(await th.client.getTeamStats(team.id)).toEqual({ team_id: team.id, total_member_count: 4, active_member_count: 4 });
      await th.adminClient.updateUserActive(third.id, false);
      expect(await th.client.getTeamStats(team.id)).toEqual({ team_id: team.id, total_member_count: 4, active_member_count: 3 });
      const active = await th.client.getTeamMembers(team.id, 0, 60, { exclude_deleted_users: true });
      expect(active).toHaveLength(3);
    });

    it('lets users join open teams by themselves but not invite-only ones', async () => {
      const open = await th.createTeam();
      const member = await th.client.addToTeam(open.id, th.basicUser.id);
      expect(member.delete_at).toBe(0);
      const closed = await th.createTeam(th.adminClient, { open: false });
      await expectAppError(th.client.addToTeam(closed.id, th.basicUser.id), 403, 'api.context.permissions.app_error');
    });

    it('answers the member lists of the caller', async () => {
      const team = await th.createBasicTeam();
      const mine = await th.client.getMyTeams();
      expect(mine.map((t) => t.id)).toContain(team.id);
      const members = await th.client.getMyTeamMembers();
      expect(members.find((m) => m.team_id === team.id)).toMatchObject({ user_id: th.basicUser.id, roles: 'team_user' });
      await expectAppError(th.client.getTeamsForUser(th.basicUser2.id), 403, 'api.context.permissions.app_error');
      expect((await th.adminClient.getTeamsForUser(th.basicUser.id)).map((t) => t.id)).toContain(team.id);
    });

    it('removes members, keeps the row marked removed, and allows leaving', async () => {
      const team = await th.createBasicTeam();
      await expectAppError(th.client.removeFromTeam(team.id, th.basicUser2.id), 403, 'api.context.permissions.app_error');
      expect(await th.adminClient.removeFromTeam(team.id, th.basicUser2.id)).toEqual({ status: 'OK' });
      const removed = await th.adminClient.getTeamMember(team.id, th.basicUser2.id);
      expect(removed.delete_at).toBeGreaterThan(0);
      expect(removed.roles).toBe('team_user');
      expect(await th.adminClient.removeFromTeam(team.id, th.basicUser2.id)).toEqual({ status: 'OK' });
      expect(await th.client.removeFromTeam(team.id, th.basicUser.id)).toEqual({ status: 'OK' });
      expect((await th.client.getMyTeams()).map((t) => t.id)).not.toContain(team.id);
      const { user: stranger } = await th.createUser();
      await expectAppError(th.adminClient.removeFromTeam(team.id, stranger.id), 400, 'api.team.remove_user_from_team.missing.app_error');
      // Rejoining brings the removed row back to life.
      const back = await th.adminClient.addToTeam(team.id, th.basicUser2.id);
      expect(back.delete_at).toBe(0);
    });

    it('applies MaxUsersPerTeam', async () => {
      const team = await th.createTeam();
      th.updateConfig((c) => {
        c.TeamSettings.MaxUsersPerTeam = 2;
      });
      try {
        await th.adminClient.addToTeam(team.id, th.basicUser.id);
        await expectAppError(th.adminClient.addToTeam(team.id, th.basicUser2.id), 400, 'app.team.join_user_to_team.save_member.max_accounts.app_error');
        const graceful = await th.adminClient.addUsersToTeamGracefully(team.id, [th.basicUser2.id]);
        expect(graceful[0]).toMatchObject({ user_id: th.basicUser2.id, member: null });
        expect(graceful[0]?.error).toMatchObject({ id: 'app.team.join_user_to_team.save_member.max_accounts.app_error' });
        await th.adminClient.removeFromTeam(team.id, th.basicUser.id);
        await th.adminClient.addToTeam(team.id, th.basicUser2.id);
        await expectAppError(th.adminClient.addToTeam(team.id, th.basicUser.id), 400, 'app.team.join_user_to_team.max_accounts.app_error');
      } finally {
        th.updateConfig((c) => {
          c.TeamSettings.MaxUsersPerTeam = 50;
        });
      }
    });

    it('updates member roles and scheme roles', async () => {
      const team = await th.createBasicTeam();
      await th.adminClient.updateTeamMemberRoles(team.id, th.basicUser.id, 'team_user team_admin' as never);
      expect(await th.client.getTeamMember(team.id, th.basicUser.id)).toMatchObject({ scheme_admin: true, roles: 'team_user team_admin' });
      await th.adminClient.updateTeamMemberSchemeRoles(team.id, th.basicUser.id, true, false);
      expect(await th.client.getTeamMember(team.id, th.basicUser.id)).toMatchObject({ scheme_admin: false, roles: 'team_user' });
      await th.adminClient.updateTeamMemberRoles(team.id, th.basicUser.id, 'team_user team_post_all' as never);
      expect(await th.client.getTeamMember(team.id, th.basicUser.id)).toMatchObject({ explicit_roles: 'team_post_all', roles: 'team_post_all team_user' });
      await expectAppError(th.adminClient.updateTeamMemberRoles(team.id, th.basicUser.id, 'channel_admin' as never), 400, 'api.channel.update_team_member_roles.scheme_role.app_error');
      await expectAppError(th.adminClient.updateTeamMemberRoles(team.id, th.basicUser.id, 'no_such_role' as never), 400, 'app.role.get_by_name.app_error');
      await expectAppError(th.adminClient.updateTeamMemberRoles(team.id, th.basicUser.id, 'team_guest team_user' as never), 400, 'api.team.update_team_member_roles.guest_and_user.app_error');
      await expectAppError(th.adminClient.updateTeamMemberRoles(team.id, th.basicUser.id, 'Bad Role!' as never), 400, 'api.context.invalid_body_param.app_error');
    });
  });

  describe('changes', () => {
    it('patches, updates and changes privacy', async () => {
      const team = await th.createTeam();
      const patched = await th.adminClient.patchTeam({ id: team.id, display_name: 'Patched', description: 'about' });
      expect(patched).toMatchObject({ display_name: 'Patched', description: 'about', name: team.name });
      const updated = await th.adminClient.updateTeam({ ...patched, company_name: 'ACME' });
      expect(updated).toMatchObject({ company_name: 'ACME', display_name: 'Patched' });
      const closed = await th.adminClient.patchTeam({ id: team.id, allow_open_invite: false });
      expect(closed).toMatchObject({ type: 'I', allow_open_invite: false });
      expect(closed.invite_id).not.toBe(team.invite_id);
      const reopened = await rawRequest(th.url, 'PUT', `/api/v4/teams/${team.id}/privacy`, { token: th.adminClient.getToken(), body: { privacy: 'O' } });
      expect(reopened.json).toMatchObject({ type: 'O', allow_open_invite: true, invite_id: closed.invite_id });
      const bad = await rawRequest(th.url, 'PUT', `/api/v4/teams/${team.id}/privacy`, { token: th.adminClient.getToken(), body: { privacy: 'o' } });
      expectErrorBody(bad, 400, 'api.context.invalid_body_param.app_error');
      const mismatch = await rawRequest(th.url, 'PUT', `/api/v4/teams/${team.id}`, { token: th.adminClient.getToken(), body: { ...team, id: th.basicUser.id } });
      expectErrorBody(mismatch, 400, 'api.context.invalid_body_param.app_error');
    });

    it('regenerates the invite id', async () => {
      const team = await th.createTeam();
      const regenerated = await th.adminClient.regenerateTeamInviteId(team.id);
      expect(regenerated.invite_id).not.toBe(team.invite_id);
    });

    it('archives and restores teams, and erases them only when allowed', async () => {
      const team = await th.createBasicTeam();
      expect(await th.adminClient.deleteTeam(team.id)).toEqual({ status: 'OK' });
      expect((await th.adminClient.getTeam(team.id)).delete_at).toBeGreaterThan(0);
      expect((await th.client.getMyTeams()).map((t) => t.id)).not.toContain(team.id);
      const restored = await th.adminClient.unarchiveTeam(team.id);
      expect(restored.delete_at).toBe(0);
      const permanent = await rawRequest(th.url, 'DELETE', `/api/v4/teams/${team.id}?permanent=true`, { token: th.adminClient.getToken() });
      expectErrorBody(permanent, 401, 'api.user.delete_team.not_enabled.app_error');
      th.updateConfig((c) => {
        c.ServiceSettings.EnableAPITeamDeletion = true;
      });
      try {
        const erased = await rawRequest(th.url, 'DELETE', `/api/v4/teams/${team.id}?permanent=true`, { token: th.adminClient.getToken() });
        expect(erased.status).toBe(200);
        await expectAppError(th.adminClient.getTeam(team.id), 404, 'app.team.get.find.app_error');
      } finally {
        th.updateConfig((c) => {
          c.ServiceSettings.EnableAPITeamDeletion = false;
        });
      }
    });

    it('sets, serves and removes the team icon', async () => {
      const team = await th.createTeam();
      const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();
      expect(await th.adminClient.setTeamIcon(team.id, new Blob([new Uint8Array(png)], { type: 'image/png' }) as never)).toEqual({ status: 'OK' });
      const withIcon = await th.adminClient.getTeam(team.id);
      expect(withIcon.last_team_icon_update).toBeGreaterThan(0);
      const image = await fetch(`${th.url}/api/v4/teams/${team.id}/image`, { headers: { Authorization: `Bearer ${th.client.getToken()}` } });
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
      expect({ width: meta.width, height: meta.height, format: meta.format }).toEqual({ width: 128, height: 128, format: 'png' });
      const etag = image.headers.get('etag') ?? '';
      const cached = await fetch(`${th.url}/api/v4/teams/${team.id}/image`, { headers: { Authorization: `Bearer ${th.client.getToken()}`, 'If-None-Match': etag } });
      expect(cached.status).toBe(304);
      await expectAppError(th.client.setTeamIcon(team.id, new Blob([new Uint8Array(png)]) as never), 403, 'api.context.permissions.app_error');
      await expectAppError(th.adminClient.setTeamIcon(team.id, new Blob([new Uint8Array([1, 2, 3])]) as never), 400, 'api.team.set_team_icon.decode.app_error');
      expect(await th.adminClient.removeTeamIcon(team.id)).toEqual({ status: 'OK' });
      expect((await th.adminClient.getTeam(team.id)).last_team_icon_update).toBeUndefined();
    });

    it('answers import with 501', async () => {
      const team = await th.createTeam();
      const response = await rawRequest(th.url, 'POST', `/api/v4/teams/${team.id}/import`, { token: th.adminClient.getToken() });
      expectErrorBody(response, 501, 'api.team.import_team.not_supported.app_error');
    });
  });

  describe('listings', () => {
    it('lists teams by what the caller may list, with a total when asked', async () => {
      const open = await th.createTeam();
      const closed = await th.createTeam(th.adminClient, { open: false });
      const all = (await th.adminClient.getTeams(0, 200)) as Team[];
      expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([open.id, closed.id]));
      const visible = (await th.client.getTeams(0, 200)) as Team[];
      expect(visible.map((t) => t.id)).toContain(open.id);
      expect(visible.map((t) => t.id)).not.toContain(closed.id);
      // A team the caller does not manage comes without its email.
      expect(visible.find((t) => t.id === open.id)?.email).toBe('');
      const counted = (await th.adminClient.getTeams(0, 1, true)) as { teams: Team[]; total_count: number };
      expect(counted.teams).toHaveLength(1);
      expect(counted.total_count).toBeGreaterThanOrEqual(2);
    });

    it('searches teams by name and display name', async () => {
      const team = await th.createTeam(th.adminClient, { display_name: 'Searchable Needle' });
      const found = await th.adminClient.searchTeams('needle', {});
      expect((found as unknown as Team[]).map((t) => t.id)).toContain(team.id);
      const paged = (await th.adminClient.searchTeams('needle', { page: 0, per_page: 10 })) as unknown as { teams: Team[]; total_count: number };
      expect(paged.total_count).toBe(1);
      await expectAppError(th.client.searchTeams('needle', { page: 0, per_page: 10 }), 501, 'api.team.search_teams.pagination_not_implemented.public_team_search');
    });

    it('filters users by team', async () => {
      const team = await th.createBasicTeam();
      const inTeam = await th.client.getProfilesInTeam(team.id);
      expect(inTeam.map((u) => u.id).sort()).toEqual([th.systemAdminUser.id, th.basicUser.id, th.basicUser2.id].sort());
      const notInTeam = await th.client.getProfilesNotInTeam(team.id, false);
      expect(notInTeam.map((u) => u.id)).not.toContain(th.basicUser.id);
      const recent = await th.client.getProfilesInTeam(team.id, 0, 60, 'create_at');
      expect(recent).toHaveLength(3);
      const { user: loner } = await th.createUser();
      const without = await th.adminClient.getProfilesWithoutTeam(0, 200);
      expect(without.map((u) => u.id)).toContain(loner.id);
      expect(without.map((u) => u.id)).not.toContain(th.basicUser.id);
      const closed = await th.createTeam(th.adminClient, { open: false });
      await expectAppError(th.client.getProfilesInTeam(closed.id), 403, 'api.context.permissions.app_error');
      const known = await th.client.getKnownUsers();
      expect(known).toEqual(expect.arrayContaining([th.basicUser2.id]));
    });
  });
});
