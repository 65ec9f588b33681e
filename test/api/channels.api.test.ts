import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../helpers/channels.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

describe('channels', () => {
  let th: TestHelper;
  let team: Team;

  beforeAll(async () => {
    th = await (await TestHelper.setup((c) => {
      c.ServiceSettings.EnableAPIChannelDeletion = true;
      c.ServiceSettings.EnableAPITeamDeletion = true;
    })).initBasic();
    team = await th.createBasicTeam();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  describe('creation', () => {
    it('creates public and private channels with the creator as channel admin', async () => {
      for (const type of ['O', 'P'] as const) {
        const name = uniqueName('create');
        const channel = await th.client.createChannel({ team_id: team.id, name, display_name: '  Spaced  ', type, header: 'hi', purpose: 'why' });
        expect(channel).toMatchObject({ team_id: team.id, name, display_name: 'Spaced', type, header: 'hi', purpose: 'why', creator_id: th.basicUser.id, delete_at: 0 });
        expect(channel).toMatchObject({ total_msg_count: 0, total_msg_count_root: 0, last_post_at: 0, last_root_post_at: 0, scheme_id: null, props: null });
        const member = await th.client.getMyChannelMember(channel.id);
        expect(member).toMatchObject({ scheme_admin: true, scheme_user: true, roles: 'channel_user channel_admin', msg_count: 0, mention_count: 0 });
        expect(member.notify_props).toEqual({
          desktop: 'default',
          mark_unread: 'all',
          push: 'default',
          email: 'default',
          ignore_channel_mentions: 'default',
          channel_auto_follow_threads: 'off',
        });
      }
    });

    it('refuses bad names, duplicates, a missing team, conversations and unknown types', async () => {
      const taken = await createChannel(th.client, team.id);
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ name: 'Bad Name' }, 400, 'model.channel.is_valid.1_or_more.app_error'],
        [{ name: '-leading' }, 400, 'model.channel.is_valid.1_or_more.app_error'],
        [{ name: 'x'.repeat(65) }, 400, 'model.channel.is_valid.1_or_more.app_error'],
        [{ name: '' }, 400, 'model.channel.is_valid.1_or_more.app_error'],
        [{ name: 'a'.repeat(40).replace(/a/g, 'f') }, 400, 'model.channel.is_valid.name.app_error'],
        [{ name: `${th.basicUser.id}__${th.basicUser2.id}` }, 400, 'model.channel.is_valid.name.app_error'],
        [{ display_name: 'd'.repeat(65) }, 400, 'model.channel.is_valid.display_name.app_error'],
        [{ header: 'h'.repeat(1025) }, 400, 'model.channel.is_valid.header.app_error'],
        [{ purpose: 'p'.repeat(251) }, 400, 'model.channel.is_valid.purpose.app_error'],
        [{ name: taken.name }, 400, 'store.sql_channel.save_channel.exists.app_error'],
        [{ type: 'D' }, 400, 'api.channel.create_channel.direct_channel.app_error'],
        [{ type: 'X' }, 400, 'model.channel.is_valid.type.app_error'],
        [{ team_id: '', type: '' }, 400, 'app.channel.create_channel.no_team_id.app_error'],
        [{ team_id: '' }, 403, 'api.context.permissions.app_error'],
        [{ id: 'a'.repeat(26) }, 400, 'store.sql_channel.save_channel.existing.app_error'],
      ];
      for (const [override, status, id] of cases) {
        await expectAppError(th.client.createChannel({ team_id: team.id, name: uniqueName('c'), display_name: 'C', type: 'O', ...override } as never), status, id);
      }
      // An unknown team: only a system admin gets past the permission check, to Mattermost's 404.
      await expectAppError(createChannel(th.client, 'b'.repeat(26)), 403, 'api.context.permissions.app_error');
      await expectAppError(createChannel(th.adminClient, 'b'.repeat(26)), 404, 'app.channel.get_channels.not_found.app_error');
      const malformed = await rawRequest(th.url, 'POST', '/api/v4/channels', { token: th.client.getToken(), body: { team_id: team.id, name: 7 } });
      expectErrorBody(malformed, 400, 'api.context.invalid_body_param.app_error');
    });

    it('caps the number of channels per team', async () => {
      const small = await th.createTeam(th.client);
      th.updateConfig((c) => {
        c.TeamSettings.MaxChannelsPerTeam = 3;
      });
      try {
        await createChannel(th.client, small.id);
        await expectAppError(createChannel(th.client, small.id), 400, 'api.channel.create_channel.max_channel_limit.app_error');
      } finally {
        th.updateConfig((c) => {
          c.TeamSettings.MaxChannelsPerTeam = 2000;
        });
      }
    });
  });

  describe('default channels', () => {
    it('creates town-square and off-topic with a team and joins its members, guests excepted', async () => {
      const created = await th.createTeam(th.client);
      const townSquare = await th.client.getChannelByName(created.id, 'town-square');
      const offTopic = await th.client.getChannelByName(created.id, 'off-topic');
      expect(townSquare).toMatchObject({ display_name: 'Town Square', type: 'O', creator_id: '' });
      expect(offTopic).toMatchObject({ display_name: 'Off-Topic', type: 'O' });
      // The team's creator is its admin, so a channel admin of the default channels.
      expect(await th.client.getChannelMember(townSquare.id, th.basicUser.id)).toMatchObject({ scheme_admin: true });
      await th.client.addToTeam(created.id, th.basicUser2.id);
      expect(await th.client2.getChannelMember(offTopic.id, th.basicUser2.id)).toMatchObject({ scheme_admin: false, scheme_user: true });
      const guest = await th.createGuest();
      await th.adminClient.addToTeam(created.id, guest.user.id);
      await expectAppError(th.adminClient.getChannelMember(townSquare.id, guest.user.id), 404, 'app.channel.get_member.missing.app_error');
    });

    it('follows ExperimentalDefaultChannels', async () => {
      th.updateConfig((c) => {
        c.TeamSettings.ExperimentalDefaultChannels = ['lobby', 'town-square', 'Not Valid'];
      });
      try {
        const created = await th.createTeam(th.client);
        const mine = await th.client.getMyChannels(created.id);
        expect(mine.map((c) => c.name).sort()).toEqual(['lobby', 'town-square']);
        expect(mine.find((c) => c.name === 'lobby')).toMatchObject({ display_name: 'lobby' });
      } finally {
        th.updateConfig((c) => {
          c.TeamSettings.ExperimentalDefaultChannels = [];
        });
      }
    });

    it('takes a member who leaves the team out of its channels', async () => {
      const created = await th.createTeam(th.client);
      await th.client.addToTeam(created.id, th.basicUser2.id);
      const extra = await createChannel(th.client2, created.id, { type: 'P' });
      await th.client2.removeFromTeam(created.id, th.basicUser2.id);
      await expectAppError(th.adminClient.getChannelMember(extra.id, th.basicUser2.id), 404, 'app.channel.get_member.missing.app_error');
      const townSquare = await th.client.getChannelByName(created.id, 'town-square');
      await expectAppError(th.client.getChannelMember(townSquare.id, th.basicUser2.id), 404, 'app.channel.get_member.missing.app_error');
    });
  });

  describe('teams going away', () => {
    it('keeps channels of an archived team and erases those of an erased team', async () => {
      const doomed = await th.createTeam(th.client);
      const channel = await createChannel(th.client, doomed.id, { type: 'P' });
      await th.client.deleteTeam(doomed.id);
      await expect(th.adminClient.getChannel(channel.id)).resolves.toMatchObject({ delete_at: 0 });
      const erased = await rawRequest(th.url, 'DELETE', `/api/v4/teams/${doomed.id}?permanent=true`, { token: th.adminClient.getToken() });
      expect(erased.status).toBe(200);
      await expectAppError(th.adminClient.getChannel(channel.id), 404, 'app.channel.get.existing.app_error');
      await expectAppError(th.adminClient.getChannelMember(channel.id, th.basicUser.id), 403, 'api.context.permissions.app_error');
    });
  });

  describe('reading', () => {
    it('finds channels by id, by name and by team name', async () => {
      const channel = await createChannel(th.client, team.id);
      await expect(th.client2.getChannel(channel.id)).resolves.toMatchObject({ id: channel.id, policy_id: null, autotranslation: false });
      await expect(th.client2.getChannelByName(team.id, channel.name)).resolves.toMatchObject({ id: channel.id });
      await expect(th.client2.getChannelByNameAndTeamName(team.name, channel.name)).resolves.toMatchObject({ id: channel.id });
      await expectAppError(th.client.getChannel('c'.repeat(26)), 404, 'app.channel.get.existing.app_error');
      await expectAppError(th.client.getChannelByName(team.id, 'no-such-channel'), 404, 'app.channel.get_by_name.missing.app_error');
      await expectAppError(th.client.getChannelByNameAndTeamName('no-such-team', channel.name), 404, 'app.team.get_by_name.missing.app_error');
      await expectAppError(th.client.getChannelByName(team.id, 'Not A Name'), 400, 'api.context.invalid_url_param.app_error');
    });

    it('hides private channels from non-members: 403 by id, 404 by name', async () => {
      const secret = await createChannel(th.client, team.id, { type: 'P' });
      await expectAppError(th.client2.getChannel(secret.id), 403, 'api.context.permissions.app_error');
      await expectAppError(th.client2.getChannelByName(team.id, secret.name), 404, 'app.channel.get_by_name.missing.app_error');
      await expectAppError(th.client2.getChannelByNameAndTeamName(team.name, secret.name), 404, 'app.channel.get_by_name.missing.app_error');
      await expectAppError(th.client2.getChannelStats(secret.id), 403, 'api.context.permissions.app_error');
      await expectAppError(th.client2.getChannelMembers(secret.id), 403, 'api.context.permissions.app_error');
      await expect(th.adminClient.getChannel(secret.id)).resolves.toMatchObject({ id: secret.id });
    });

    it('answers stats, pinned posts and timezones', async () => {
      const channel = await createChannel(th.client, team.id);
      await th.client.addToChannel(th.basicUser2.id, channel.id);
      expect(await th.client.getChannelStats(channel.id)).toEqual({ channel_id: channel.id, member_count: 2, guest_count: 0, pinnedpost_count: 0, files_count: -1 });
      expect(await th.client.getChannelStats(channel.id, true)).toMatchObject({ files_count: 0 });
      expect(await th.client.getPinnedPosts(channel.id)).toEqual({ order: [], posts: {}, next_post_id: '', prev_post_id: '', has_next: false });
      await th.client.patchMe({ timezone: { useAutomaticTimezone: 'false', manualTimezone: 'Europe/Paris', automaticTimezone: '' } });
      expect(await th.client.getChannelTimezones(channel.id)).toEqual(['Europe/Paris']);
    });
  });

  describe('changes', () => {
    it('patches and updates names, display names, headers and purposes', async () => {
      const channel = await createChannel(th.client, team.id, { header: 'old header' });
      const patched = await th.client.patchChannel(channel.id, { display_name: ' New ', header: 'new header' });
      expect(patched).toMatchObject({ display_name: 'New', header: 'new header', purpose: '' });
      expect(patched.update_at).toBeGreaterThanOrEqual(channel.update_at);
      const renamed = uniqueName('renamed');
      const updated = await th.client.updateChannel({ ...patched, name: renamed, purpose: 'p' });
      expect(updated).toMatchObject({ name: renamed, purpose: 'p', header: 'new header' });
      // PUT replaces the header and purpose: left out, they are emptied.
      const { header: _header, purpose: _purpose, ...rest } = updated;
      expect(await th.client.updateChannel(rest as never)).toMatchObject({ header: '', purpose: '' });
      const other = await createChannel(th.client, team.id);
      await expectAppError(th.client.patchChannel(other.id, { name: renamed }), 400, 'store.sql_channel.save_channel.exists.app_error');
      await expectAppError(th.client.patchChannel(other.id, { name: 'BAD' }), 400, 'model.channel.is_valid.1_or_more.app_error');
      await expectAppError(th.client.updateChannel({ ...other, type: 'P' }), 400, 'api.channel.update_channel.typechange.app_error');
      const mismatch = await rawRequest(th.url, 'PUT', `/api/v4/channels/${other.id}`, { token: th.client.getToken(), body: { ...other, id: channel.id } });
      expectErrorBody(mismatch, 400, 'api.context.invalid_body_param.app_error');
    });

    it('keeps the name of town-square', async () => {
      const townSquare = await th.client.getChannelByName(team.id, 'town-square');
      await expectAppError(th.adminClient.patchChannel(townSquare.id, { name: 'renamed-square' }), 400, 'api.channel.update_channel.tried.app_error');
      await expect(th.adminClient.patchChannel(townSquare.id, { header: 'welcome' })).resolves.toMatchObject({ header: 'welcome' });
    });

    it('converts between public and private', async () => {
      const channel = await createChannel(th.adminClient, team.id);
      await expect(th.adminClient.updateChannelPrivacy(channel.id, 'P')).resolves.toMatchObject({ type: 'P' });
      await expect(th.adminClient.updateChannelPrivacy(channel.id, 'O')).resolves.toMatchObject({ type: 'O' });
      const converted = await rawRequest(th.url, 'POST', `/api/v4/channels/${channel.id}/convert`, { token: th.adminClient.getToken() });
      expect(converted.json).toMatchObject({ type: 'P' });
      const again = await rawRequest(th.url, 'POST', `/api/v4/channels/${channel.id}/convert`, { token: th.adminClient.getToken() });
      expectErrorBody(again, 400, 'api.channel.convert_channel_to_private.private_channel_error');
      const townSquare = await th.client.getChannelByName(team.id, 'town-square');
      await expectAppError(th.adminClient.updateChannelPrivacy(townSquare.id, 'P'), 400, 'api.channel.update_channel_privacy.default_channel_error');
      const bad = await rawRequest(th.url, 'PUT', `/api/v4/channels/${channel.id}/privacy`, { token: th.adminClient.getToken(), body: { privacy: 'X' } });
      expectErrorBody(bad, 400, 'api.context.invalid_body_param.app_error');
    });

    it('archives, restores and erases', async () => {
      const channel = await createChannel(th.client, team.id);
      await th.client.deleteChannel(channel.id);
      const archived = await th.client.getChannel(channel.id);
      expect(archived.delete_at).toBeGreaterThan(0);
      await expectAppError(th.client.deleteChannel(channel.id), 400, 'api.channel.delete_channel.deleted.app_error');
      await expectAppError(th.client.getChannelByName(team.id, channel.name), 404, 'app.channel.get_by_name.missing.app_error');
      await expect(th.client.getChannelByName(team.id, channel.name, true)).resolves.toMatchObject({ id: channel.id });
      expect((await th.client.getArchivedChannels(team.id)).map((c) => c.id)).toContain(channel.id);
      await expectAppError(th.client.updateChannel({ ...archived, header: 'x' }), 400, 'api.channel.update_channel.deleted.app_error');
      // Restoring needs manage_team: the member who archived it may not.
      await expectAppError(th.client.unarchiveChannel(channel.id), 403, 'api.context.permissions.app_error');
      await expect(th.adminClient.unarchiveChannel(channel.id)).resolves.toMatchObject({ delete_at: 0 });
      await expectAppError(th.adminClient.unarchiveChannel(channel.id), 400, 'api.channel.restore_channel.restored.app_error');
      const townSquare = await th.client.getChannelByName(team.id, 'town-square');
      await expectAppError(th.adminClient.deleteChannel(townSquare.id), 400, 'api.channel.delete_channel.cannot.app_error');
      const erased = await rawRequest(th.url, 'DELETE', `/api/v4/channels/${channel.id}?permanent=true`, { token: th.client.getToken() });
      expect(erased.status).toBe(200);
      await expectAppError(th.adminClient.getChannel(channel.id), 404, 'app.channel.get.existing.app_error');
    });

    it('refuses to erase while EnableAPIChannelDeletion is off', async () => {
      const channel = await createChannel(th.client, team.id);
      th.updateConfig((c) => {
        c.ServiceSettings.EnableAPIChannelDeletion = false;
      });
      try {
        const response = await rawRequest(th.url, 'DELETE', `/api/v4/channels/${channel.id}?permanent=true`, { token: th.adminClient.getToken() });
        expectErrorBody(response, 401, 'api.user.delete_channel.not_enabled.app_error');
      } finally {
        th.updateConfig((c) => {
          c.ServiceSettings.EnableAPIChannelDeletion = true;
        });
      }
    });

    it('answers channel moderation with 501 after the permission check', async () => {
      const channel = await createChannel(th.client, team.id);
      await expectAppError(th.client.getChannelModerations(channel.id), 403, 'api.context.permissions.app_error');
      await expectAppError(th.adminClient.getChannelModerations(channel.id), 501, 'api.channel.channel_moderations.not_available.app_error');
      await expectAppError(th.adminClient.patchChannelModerations(channel.id, []), 501, 'api.channel.channel_moderations.not_available.app_error');
    });
  });
});
