import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../helpers/errors.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('cluster status on a single node', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('lists no nodes when the server runs alone, as Mattermost does', async () => {
    expect(await th.adminClient.getClusterStatus()).toEqual([]);
  });

  it('is for administrators only', async () => {
    await expectAppError(th.client.getClusterStatus(), 403, 'api.context.permissions.app_error');
    await expectAppError(th.anonymousClient().getClusterStatus(), 401, 'api.context.session_expired.app_error');
  });
});
