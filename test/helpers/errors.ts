import { expect } from 'vitest';

interface ClientErrorShape {
  status_code?: number;
  server_error_id?: string;
}

/**
 * Expects a Client4 call to fail with Mattermost's status and error id (never the message text).
 * @example await expectAppError(client.getUser(id), 403, 'api.context.permissions.app_error')
 */
export async function expectAppError(promise: Promise<unknown>, status: number, id?: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an error ${status} ${id ?? ''}`).toBeDefined();
  const error = caught as ClientErrorShape;
  expect({ status: error.status_code, id: id === undefined ? undefined : error.server_error_id }).toEqual({ status, id });
}

/** Asserts a raw response is Mattermost's error JSON with this status (and id). */
export function expectErrorBody(response: { status: number; json: unknown; headers: Headers }, status: number, id?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = response.json as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['detailed_error', 'id', 'message', 'request_id', 'status_code']);
  expect(body['status_code']).toBe(status);
  if (id !== undefined) expect(body['id']).toBe(id);
}
