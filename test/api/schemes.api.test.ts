import type { Scheme } from '@mattermost/types/schemes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/domain-events.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

const TEAM_SCHEME_ROLES = [
  'default_team_admin_role',
  'default_team_user_role',
  'default_team_guest_role',
  'default_channel_admin_role',
  'default_channel_user_role',
  'default_channel_guest_role',
  'default_playbook_admin_role',
  'default_playbook_member_role',
  'default_run_admin_role',
  'default_run_member_role',
] as const;

describe('schemes', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const create = (scheme: Partial<Scheme>) => th.adminClient.createScheme({ display_name: 'Scheme', scope: 'team', ...scheme });

  it('creates a team scheme with copies of the built-in team, channel, playbook and run roles', async () => {
    const name = uniqueName('scheme').toLowerCase();
    const scheme = await create({ name, description: 'strict', default_team_user_role: 'team_admin' });
    expect(scheme).toMatchObject({ name, display_name: 'Scheme', description: 'strict', scope: 'team', delete_at: 0 });
    for (const column of TEAM_SCHEME_ROLES) expect(scheme[column as keyof Scheme]).toMatch(/^[a-z0-9]{26}$/);
    const [copy, original] = await Promise.all([th.adminClient.getRoleByName(scheme.default_team_user_role), th.adminClient.getRoleByName('team_user')]);
    expect(copy).toMatchObject({ scheme_managed: true, built_in: false, display_name: `Team User Role for Scheme ${name}` });
    expect(copy.permissions).toEqual(original.permissions);
    expect(await th.adminClient.getScheme(scheme.id)).toEqual(scheme);
  });

  it('creates a channel scheme with moderated channel roles only', async () => {
    const scheme = await create({ scope: 'channel' });
    expect(scheme).toMatchObject({ default_team_admin_role: '', default_team_user_role: '', default_team_guest_role: '', default_playbook_admin_role: '' });
    const admin = await th.adminClient.getRoleByName(scheme.default_channel_admin_role);
    expect(admin.permissions).toEqual([]);
    const user = await th.adminClient.getRoleByName(scheme.default_channel_user_role);
    expect(user.permissions).toContain('create_post');
    expect(user.permissions).not.toContain('read_channel');
  });

  it('refuses invalid schemes and callers without the permission', async () => {
    await expectAppError(create({ display_name: '' }), 400, 'app.scheme.save.invalid_scheme.app_error');
    await expectAppError(create({ scope: 'galaxy' as never }), 400, 'app.scheme.save.invalid_scheme.app_error');
    await expectAppError(create({ name: 'Bad Name' }), 400, 'app.scheme.save.invalid_scheme.app_error');
    const taken = await create({});
    await expectAppError(create({ name: taken.name }), 400, 'app.scheme.save.invalid_scheme.app_error');
    await expectAppError(th.client.createScheme({ display_name: 'x', scope: 'team' }), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.getScheme(taken.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.adminClient.getScheme('a'.repeat(26)), 404, 'app.scheme.get.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/schemes', { token: th.adminClient.getToken(), body: '[]' }), 400, 'api.context.invalid_body_param.app_error');
  });

  it('lists schemes newest first, by scope', async () => {
    const team = await create({});
    const channel = await create({ scope: 'channel' });
    const teamSchemes = await th.adminClient.getSchemes('team', 0, 200);
    expect(teamSchemes.map((s) => s.id)).toContain(team.id);
    expect(teamSchemes.map((s) => s.id)).not.toContain(channel.id);
    const all = await th.adminClient.getSchemes('', 0, 200);
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([team.id, channel.id]));
    expect(all.every((s, i) => i === 0 || (all[i - 1]?.create_at ?? 0) >= s.create_at)).toBe(true);
    await expectAppError(th.adminClient.getSchemes('galaxy'), 400, 'api.context.invalid_url_param.app_error');
    await expectAppError(th.client.getSchemes(), 403, 'api.context.permissions.app_error');
  });

  it('patches name, display name and description', async () => {
    const scheme = await create({});
    const name = uniqueName('renamed').toLowerCase();
    const patched = await th.adminClient.patchScheme(scheme.id, { name, display_name: 'Renamed', description: 'now' });
    expect(patched).toMatchObject({ id: scheme.id, name, display_name: 'Renamed', description: 'now', default_team_user_role: scheme.default_team_user_role });
    await expectAppError(th.adminClient.patchScheme(scheme.id, { name: 'Bad Name' }), 400, 'app.scheme.save.invalid_scheme.app_error');
    await expectAppError(th.client.patchScheme(scheme.id, { description: 'x' }), 403, 'api.context.permissions.app_error');
  });

  it('sets a team scheme on a team and lists the team under it', async () => {
    const scheme = await create({});
    const channelScheme = await create({ scope: 'channel' });
    const team = await th.createBasicTeam();
    expect(await th.adminClient.updateTeamScheme(team.id, scheme.id)).toEqual({ status: 'OK' });
    expect((await th.adminClient.getTeam(team.id)).scheme_id).toBe(scheme.id);
    expect((await th.adminClient.getSchemeTeams(scheme.id)).map((t) => t.id)).toEqual([team.id]);
    expect(await th.adminClient.getSchemeChannels(channelScheme.id)).toEqual([]);
    await expectAppError(th.adminClient.getSchemeTeams(channelScheme.id), 400, 'api.scheme.get_teams_for_scheme.scope.error');
    await expectAppError(th.adminClient.getSchemeChannels(scheme.id), 400, 'api.scheme.get_channels_for_scheme.scope.error');
    await expectAppError(th.adminClient.updateTeamScheme(team.id, channelScheme.id), 400, 'api.team.update_team_scheme.scheme_scope.error');
    await expectAppError(th.adminClient.updateTeamScheme(team.id, 'a'.repeat(26)), 404, 'app.scheme.get.app_error');
    await expectAppError(th.adminClient.updateTeamScheme(team.id, 'bad'), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(th.client.updateTeamScheme(team.id, scheme.id), 403, 'api.context.permissions.app_error');
    const member = await th.client.getTeamMember(team.id, th.basicUser.id);
    expect(member.roles).toBe(scheme.default_team_user_role);
  });

  it('deletes a scheme with its roles and puts its teams back on the system scheme', async () => {
    const events: DomainEvent[] = [];
    const unsubscribe = th.server.app.services.bus.subscribe((e) => events.push(e));
    try {
      const scheme = await create({});
      const team = await th.createBasicTeam();
      await th.adminClient.updateTeamScheme(team.id, scheme.id);
      await expectAppError(th.client.deleteScheme(scheme.id), 403, 'api.context.permissions.app_error');
      expect(await th.adminClient.deleteScheme(scheme.id)).toEqual({ status: 'OK' });
      expect((await th.adminClient.getTeam(team.id)).scheme_id).toBe('');
      expect((await th.client.getTeamMember(team.id, th.basicUser.id)).roles).toBe('team_user');
      expect((await th.adminClient.getRoleByName(scheme.default_team_user_role)).delete_at).toBeGreaterThan(0);
      expect((await th.adminClient.getScheme(scheme.id)).delete_at).toBeGreaterThan(0);
      expect((await th.adminClient.getSchemes('', 0, 200)).map((s) => s.id)).not.toContain(scheme.id);
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['scheme.created', 'team.scheme_changed', 'scheme.deleted']));
    } finally {
      unsubscribe();
    }
  });
});
