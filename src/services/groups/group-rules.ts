import { AppError } from '../../model/app-error.js';
import {
  GROUP_DESCRIPTION_MAX_LENGTH,
  GROUP_DISPLAY_NAME_MAX_LENGTH,
  GROUP_NAME_MAX_LENGTH,
  GROUP_REMOTE_ID_MAX_LENGTH,
  GROUP_SOURCE_CUSTOM,
  GROUP_SOURCE_LDAP,
  RESERVED_GROUP_NAMES,
  type Group,
  type GroupRecord,
} from '../../model/group.js';

const GROUP_NAME_CHARS = /^[a-z0-9.\-_]+$/;

function invalid(id: string, params?: Record<string, string | number>): AppError {
  return AppError.badRequest(id, '', params);
}

/**
 * Mattermost's Group.IsValidForCreate (also run on updates); the first broken rule wins. Lengths
 * are counted in bytes, as Go's len() does.
 * @throws AppError 400 model.group.*.app_error
 */
export function validateGroup(group: GroupRecord): void {
  if (group.name === null) {
    if (group.allow_reference) throw invalid('model.group.name.app_error', { GroupNameMaxLength: GROUP_NAME_MAX_LENGTH });
  } else {
    const length = Buffer.byteLength(group.name);
    if (length === 0 || length > GROUP_NAME_MAX_LENGTH) throw invalid('model.group.name.invalid_length.app_error', { GroupNameMaxLength: GROUP_NAME_MAX_LENGTH });
    if (RESERVED_GROUP_NAMES.has(group.name)) throw invalid('model.group.name.reserved_name.app_error');
    if (!GROUP_NAME_CHARS.test(group.name)) throw invalid('model.group.name.invalid_chars.app_error');
  }
  const displayName = Buffer.byteLength(group.display_name);
  if (displayName === 0 || displayName > GROUP_DISPLAY_NAME_MAX_LENGTH) {
    throw invalid('model.group.display_name.app_error', { GroupDisplayNameMaxLength: GROUP_DISPLAY_NAME_MAX_LENGTH });
  }
  if (Buffer.byteLength(group.description) > GROUP_DESCRIPTION_MAX_LENGTH) {
    throw invalid('model.group.description.app_error', { GroupDescriptionMaxLength: GROUP_DESCRIPTION_MAX_LENGTH });
  }
  if (group.source !== GROUP_SOURCE_CUSTOM && group.source !== GROUP_SOURCE_LDAP) throw invalid('model.group.source.app_error');
  const remoteId = group.remote_id ?? '';
  if ((remoteId === '' && group.source === GROUP_SOURCE_LDAP) || Buffer.byteLength(remoteId) > GROUP_REMOTE_ID_MAX_LENGTH) {
    throw invalid('model.group.remote_id.app_error');
  }
}

export interface GroupExtras {
  memberCount?: number | undefined;
  memberIds?: string[] | undefined;
}

/** The group's JSON, in Mattermost's field order: no name key for a nameless group, member_ids null unless asked for. */
export function toWireGroup(group: GroupRecord, extras: GroupExtras = {}): Group {
  return {
    id: group.id,
    ...(group.name !== null ? { name: group.name } : {}),
    display_name: group.display_name,
    description: group.description,
    source: group.source,
    remote_id: group.remote_id,
    create_at: group.create_at,
    update_at: group.update_at,
    delete_at: group.delete_at,
    has_syncables: false,
    ...(extras.memberCount !== undefined ? { member_count: extras.memberCount } : {}),
    allow_reference: group.allow_reference,
    member_ids: extras.memberIds ?? null,
  };
}
