import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client4 } from '@mattermost/client';
import type { Bot } from '@mattermost/types/bots';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { grantPermissions } from '../helpers/roles.js';
import { newClient, rawRequest } from '../helpers/server.js';
import { DEFAULT_PASSWORD, TestHelper, uniqueName } from '../helpers/test-helper.js';

const OWNER_PERMISSIONS = ['create_bot', 'read_bots', 'manage_bots', 'create_user_access_token', 'read_user_access_token', 'revoke_user_access_token'];
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n';

describe('bot accounts', () => {
  let th: TestHelper;
  let files: string;
  /** A member allowed to run bots of their own (not others'). */
  let owner: UserProfile;
  let ownerClient: Client4;

  const newBot = (client: Client4, extra: Partial<Bot> = {}) => client.createBot({ username: uniqueName('bot'), display_name: 'A bot', ...extra });

  async function uploadIcon(client: Client4, botId: string, content: string, field = 'image') {
    const form = new FormData();
    form.append(field, new Blob([content], { type: 'image/svg+xml' }), 'icon.svg');
    const response = await fetch(`${th.url}/api/v4/bots/${botId}/icon`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${client.getToken()}` },
      body: form,
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'parley-bots-'));
    th = await TestHelper.setup((config) => {
      config.ServiceSettings.EnableBotAccountCreation = true;
      config.FileSettings.Directory = files;
    });
    await th.initBasic();
    await grantPermissions(th.server, 'bot_owner', OWNER_PERMISSIONS);
    owner = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(owner.id, 'system_user bot_owner');
    ownerClient = await th.login(owner.username);
  });
  afterAll(async () => {
    await th.tearDown();
    await rm(files, { recursive: true, force: true });
  });

  it('sets up an incident bot as an admin does: system admin role and a token, with personal tokens off', async () => {
    const bot = await th.adminClient.createBot({ username: 'impulse', display_name: 'IMPulse', description: 'incidents' });
    expect(bot).toMatchObject({ username: 'impulse', display_name: 'IMPulse', description: 'incidents', owner_id: th.systemAdminUser.id, delete_at: 0 });
    const user = await th.adminClient.getUser(bot.user_id);
    expect(user).toMatchObject({ is_bot: true, bot_description: 'incidents', first_name: 'IMPulse', email: 'impulse@localhost' });

    await th.adminClient.updateUserRoles(bot.user_id, 'system_user system_admin');
    const token = await th.adminClient.createUserAccessToken(bot.user_id, 'IMPulse');
    const botClient = newClient(th.url, token.token);
    expect((await botClient.getMe()).id).toBe(bot.user_id);
    // A bot account never signs in with a password and may not make bots of its own.
    await expectAppError(botClient.createBot({ username: uniqueName('sub') }), 403, 'api.context.permissions.app_error');
  });

  it('refuses creation when switched off, without the permission, and for bad input', async () => {
    await expectAppError(newBot(th.client), 403, 'api.context.permissions.app_error');
    th.updateConfig((c) => {
      c.ServiceSettings.EnableBotAccountCreation = false;
    });
    try {
      await expectAppError(newBot(th.adminClient), 403, 'api.bot.create_disabled');
    } finally {
      th.updateConfig((c) => {
        c.ServiceSettings.EnableBotAccountCreation = true;
      });
    }
    await expectAppError(newBot(th.adminClient, { username: 'Not Valid' }), 400, 'model.bot.is_valid.username.app_error');
    await expectAppError(newBot(th.adminClient, { description: 'x'.repeat(1025) }), 400, 'model.bot.is_valid.description.app_error');
    await expectAppError(newBot(th.adminClient, { username: th.basicUser.username }), 400, 'app.user.save.username_exists.app_error');
    const token = th.adminClient.getToken();
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/bots', { token, body: '{"username":' }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/bots', { token, body: { username: 7 } }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/bots/not-an-id', { token }), 400, 'api.context.invalid_url_param.app_error');
  });

  it('patches a bot and its user together', async () => {
    const bot = await newBot(ownerClient);
    const renamed = uniqueName('renamed');
    const patched = await ownerClient.patchBot(bot.user_id, { username: renamed, display_name: 'Renamed', description: 'new' });
    expect(patched).toMatchObject({ user_id: bot.user_id, username: renamed, display_name: 'Renamed', description: 'new' });
    expect(patched.update_at).toBeGreaterThanOrEqual(bot.update_at);
    expect(await th.adminClient.getUser(bot.user_id)).toMatchObject({ username: renamed, first_name: 'Renamed', email: `${renamed}@localhost` });
    await expectAppError(ownerClient.patchBot(bot.user_id, { username: th.basicUser.username }), 400, 'app.user.save.username_exists.app_error');
    await expectAppError(ownerClient.patchBot(bot.user_id, { display_name: 'd'.repeat(65) }), 400, 'model.user.is_valid.first_name.app_error');
  });

  it('shows bots only to those who may read them, and hides the others as missing', async () => {
    const own = await newBot(ownerClient);
    const admins = await newBot(th.adminClient);
    expect((await ownerClient.getBots(0, 200)).map((b) => b.user_id)).toContain(own.user_id);
    expect((await ownerClient.getBots(0, 200)).map((b) => b.user_id)).not.toContain(admins.user_id);
    expect((await th.adminClient.getBots(0, 200)).map((b) => b.user_id)).toEqual(expect.arrayContaining([own.user_id, admins.user_id]));
    expect((await ownerClient.getBot(own.user_id)).user_id).toBe(own.user_id);

    await expectAppError(ownerClient.getBot(admins.user_id), 404, 'store.sql_bot.get.missing.app_error');
    await expectAppError(ownerClient.patchBot(admins.user_id, { display_name: 'mine now' }), 404, 'store.sql_bot.get.missing.app_error');
    await expectAppError(th.client.getBot(own.user_id), 404, 'store.sql_bot.get.missing.app_error');
    await expectAppError(th.client.getBots(), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.disableBot(own.user_id), 404, 'store.sql_bot.get.missing.app_error');

    // Reading others' bots without managing them: a 403, not a 404.
    await grantPermissions(th.server, 'bot_reader', ['read_others_bots']);
    const reader = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(reader.id, 'system_user bot_reader');
    const readerClient = await th.login(reader.username);
    expect((await readerClient.getBot(own.user_id)).user_id).toBe(own.user_id);
    await expectAppError(readerClient.patchBot(own.user_id, { display_name: 'x' }), 403, 'api.context.permissions.app_error');
  });

  it('lets owners handle their bot\'s tokens, and nobody else', async () => {
    const bot = await newBot(ownerClient);
    const token = await ownerClient.createUserAccessToken(bot.user_id, 'deploy');
    expect((await newClient(th.url, token.token).getMe()).id).toBe(bot.user_id);
    expect((await ownerClient.getUserAccessTokensForUser(bot.user_id)).map((t) => t.id)).toEqual([token.id]);

    const stranger = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(stranger.id, 'system_user bot_owner');
    const strangerClient = await th.login(stranger.username);
    await expectAppError(strangerClient.createUserAccessToken(bot.user_id, 'steal'), 403, 'api.context.permissions.app_error');
    await expectAppError(strangerClient.revokeUserAccessToken(token.id), 403, 'api.context.permissions.app_error');

    // A bot made system admin by an admin: its owner may no longer mint its tokens.
    await th.adminClient.updateUserRoles(bot.user_id, 'system_user system_admin');
    await expectAppError(ownerClient.createUserAccessToken(bot.user_id, 'escalate'), 403, 'api.context.permissions.app_error');
  });

  it('disables a bot: its token stops at once, and works again once enabled', async () => {
    const bot = await newBot(ownerClient);
    const token = await ownerClient.createUserAccessToken(bot.user_id, 'ci');
    const botClient = newClient(th.url, token.token);
    await botClient.getMe();

    const disabled = await ownerClient.disableBot(bot.user_id);
    expect(disabled.delete_at).toBeGreaterThan(0);
    await expectAppError(botClient.getMe(), 401, 'api.context.session_expired.app_error');
    await expectAppError(ownerClient.getBot(bot.user_id), 404, 'store.sql_bot.get.missing.app_error');
    const withDeleted = await rawRequest(th.url, 'GET', `/api/v4/bots/${bot.user_id}?include_deleted=true`, { token: ownerClient.getToken() });
    expect(withDeleted.json.delete_at).toBeGreaterThan(0);
    expect((await ownerClient.getBots(0, 200)).map((b) => b.user_id)).not.toContain(bot.user_id);
    expect((await ownerClient.getBotsIncludeDeleted(0, 200)).map((b) => b.user_id)).toContain(bot.user_id);

    const enabled = await ownerClient.enableBot(bot.user_id);
    expect(enabled.delete_at).toBe(0);
    expect((await botClient.getMe()).id).toBe(bot.user_id);
  });

  it('hands a bot to another owner, never to a bot', async () => {
    const bot = await newBot(th.adminClient);
    const assigned = await th.adminClient.assignBot(bot.user_id, th.basicUser.id);
    expect(assigned.owner_id).toBe(th.basicUser.id);
    const another = await newBot(th.adminClient);
    await expectAppError(th.adminClient.assignBot(bot.user_id, another.user_id), 403, 'api.context.permissions.app_error');
  });

  it('disables the bots of a deactivated owner and lists them as orphaned', async () => {
    const departing = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(departing.id, 'system_user bot_owner');
    const departingClient = await th.login(departing.username);
    const bot = await newBot(departingClient);
    const token = await departingClient.createUserAccessToken(bot.user_id, 'x');
    await newClient(th.url, token.token).getMe();

    await th.adminClient.updateUserActive(departing.id, false);
    await expectAppError(newClient(th.url, token.token).getMe(), 401, 'api.context.session_expired.app_error');
    const orphaned = await th.adminClient.getBotsOrphaned(0, 200);
    expect(orphaned.map((b) => b.user_id)).not.toContain(bot.user_id);
    const all = await rawRequest(th.url, 'GET', '/api/v4/bots?only_orphaned=true&include_deleted=true&per_page=200', { token: th.adminClient.getToken() });
    const found = (all.json as Bot[]).find((b) => b.user_id === bot.user_id);
    expect(found?.delete_at).toBeGreaterThan(0);
  });

  it('converts a user into a bot and a bot back into a user', async () => {
    const person = (await th.createUser()).user;
    const converted = await rawRequest(th.url, 'POST', `/api/v4/users/${person.id}/convert_to_bot`, { token: th.adminClient.getToken() });
    expect(converted.status).toBe(200);
    expect(converted.json).toMatchObject({ user_id: person.id, username: person.username, owner_id: person.id });
    await expectAppError(th.login(person.username), 401, 'api.user.login.bot_login_forbidden.app_error');
    const again = await rawRequest(th.url, 'POST', `/api/v4/users/${person.id}/convert_to_bot`, { token: th.adminClient.getToken() });
    expect(again.status).toBe(400);
    const denied = await rawRequest(th.url, 'POST', `/api/v4/users/${th.basicUser2.id}/convert_to_bot`, { token: th.client.getToken() });
    expectErrorBody(denied, 403, 'api.context.permissions.app_error');

    const path = `/api/v4/bots/${person.id}/convert_to_user`;
    expectErrorBody(await rawRequest(th.url, 'POST', path, { token: th.adminClient.getToken(), body: {} }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', path, { token: th.client.getToken(), body: { password: DEFAULT_PASSWORD } }), 403, 'api.context.permissions.app_error');
    const back = await rawRequest(th.url, 'POST', `${path}?set_system_admin=true`, {
      token: th.adminClient.getToken(),
      body: { password: DEFAULT_PASSWORD, nickname: 'human again' },
    });
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({ id: person.id, nickname: 'human again', roles: 'system_user system_admin' });
    expect(back.json.is_bot).toBeUndefined();
    const relogged = await th.login(person.username);
    expect((await relogged.getMe()).id).toBe(person.id);
    await expectAppError(th.adminClient.getBot(person.id), 404, 'store.sql_bot.get.missing.app_error');
  });

  it('keeps an SVG icon and refuses other files', async () => {
    const bot = await newBot(ownerClient);
    const path = `/api/v4/bots/${bot.user_id}/icon`;
    expectErrorBody(await rawRequest(th.url, 'GET', path, { token: ownerClient.getToken() }), 404, 'api.bot.get_bot_icon_image.read.app_error');

    expect(await uploadIcon(ownerClient, bot.user_id, SVG)).toEqual({ status: 200, json: { status: 'OK' } });
    const icon = await rawRequest(th.url, 'GET', path, { token: th.client.getToken() });
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.text).toBe(SVG);
    const etag = icon.headers.get('etag') ?? '';
    const cached = await rawRequest(th.url, 'GET', path, { token: th.client.getToken(), headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    expect(((await ownerClient.getBot(bot.user_id)) as Bot & { last_icon_update?: number }).last_icon_update).toBeGreaterThan(0);

    expect(await uploadIcon(ownerClient, bot.user_id, 'just text')).toMatchObject({ status: 400, json: { id: 'api.bot.set_bot_icon_image.parse.app_error' } });
    expect(await uploadIcon(ownerClient, bot.user_id, SVG, 'picture')).toMatchObject({ status: 400, json: { id: 'api.bot.set_bot_icon_image.no_file.app_error' } });
    expect(await uploadIcon(th.client, bot.user_id, SVG)).toMatchObject({ status: 404, json: { id: 'store.sql_bot.get.missing.app_error' } });
    const notMultipart = await rawRequest(th.url, 'POST', path, { token: ownerClient.getToken(), body: { image: SVG } });
    expectErrorBody(notMultipart, 400, 'api.bot.set_bot_icon_image.no_file.app_error');

    expect((await rawRequest(th.url, 'DELETE', path, { token: ownerClient.getToken() })).json).toEqual({ status: 'OK' });
    expectErrorBody(await rawRequest(th.url, 'GET', path, { token: ownerClient.getToken() }), 404, 'api.bot.get_bot_icon_image.read.app_error');
    expect(((await ownerClient.getBot(bot.user_id)) as Bot & { last_icon_update?: number }).last_icon_update).toBeUndefined();
  });
});
