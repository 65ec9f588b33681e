import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import { uniqueName } from './test-helper.js';

/** A public ('O') or private ('P') channel made by `client` in the team. */
export async function createChannel(client: Client4, teamId: string, overrides: Partial<Channel> = {}): Promise<Channel> {
  const name = overrides.name ?? uniqueName('chan');
  return client.createChannel({ team_id: teamId, name, display_name: `Channel ${name}`, type: 'O', ...overrides });
}

/** Shaped like Client4's errors, so raw responses share the assertions. */
export function asClientError(response: { status: number; json: { id?: unknown } | undefined }): Error {
  return Object.assign(new Error(`HTTP ${response.status}`), { status_code: response.status, server_error_id: String(response.json?.id) });
}
