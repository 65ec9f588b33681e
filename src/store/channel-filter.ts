import { sql, type Kysely } from 'kysely';
import { escapeLike } from './codec.js';
import type { DB } from './schema.js';

/** Filters of channel listings and searches; each set field narrows the result. */
export interface ChannelFilter {
  ids?: readonly string[];
  teamId?: string;
  /** With `teamId`: direct and group messages (team '') count as the team's too. */
  withDirect?: boolean;
  teamIds?: readonly string[];
  types?: readonly string[];
  /** Archived channels: left out (default), the only ones, or included. */
  archived?: 'exclude' | 'only' | 'include';
  /** Archived channels only when archived after this time (live ones are not affected). */
  archivedAfter?: number;
  /** Archived channels only when this user is a member of them. */
  archivedOnlyForMember?: string;
  /** Only channels this user is a member of. */
  memberOf?: string;
  /** Public channels, and the others only when this user is a member of them. */
  publicOrMemberOf?: string;
  /** Channels whose name, display name or purpose has a word starting with the term. */
  term?: string;
  /** With `term`: a channel whose id is the term matches too. */
  termMatchesId?: boolean;
  excludeNames?: readonly string[];
  /** true: only group-constrained channels; false: none of them. */
  groupConstrained?: boolean;
}

function isMember(userId: string) {
  return sql<boolean>`exists (select 1 from channel_members fm where fm.channel_id = channels.id and fm.user_id = ${userId})`;
}

/** `column` starts with the term, or has a word (after a space, hyphen or underscore) that does. */
function wordStarts(column: string, term: string) {
  const ref = sql.ref(column);
  const start = `${escapeLike(term)}%`;
  return sql<boolean>`(lower(${ref}) like ${start} escape '\\' or lower(${ref}) like ${`% ${start}`} escape '\\' or lower(${ref}) like ${`%-${start}`} escape '\\' or lower(${ref}) like ${`%\\_${start}`} escape '\\')`;
}

/** A select over `channels` with the filter's WHERE clauses applied. */
export function channelFilterQuery(db: Kysely<DB>, filter: ChannelFilter) {
  let query = db.selectFrom('channels');
  if (filter.ids) query = filter.ids.length ? query.where('channels.id', 'in', [...filter.ids]) : query.where(sql<boolean>`1 = 0`);
  if (filter.teamId !== undefined) {
    const teamId = filter.teamId;
    query = filter.withDirect
      ? query.where((eb) => eb.or([eb('channels.team_id', '=', teamId), eb('channels.team_id', '=', '')]))
      : query.where('channels.team_id', '=', teamId);
  }
  if (filter.teamIds) query = filter.teamIds.length ? query.where('channels.team_id', 'in', [...filter.teamIds]) : query.where(sql<boolean>`1 = 0`);
  if (filter.types) query = filter.types.length ? query.where('channels.type', 'in', [...filter.types]) : query.where(sql<boolean>`1 = 0`);
  const archived = filter.archived ?? 'exclude';
  if (archived === 'exclude') query = query.where('channels.delete_at', '=', 0);
  if (archived === 'only') query = query.where('channels.delete_at', '>', 0);
  if (archived !== 'exclude' && filter.archivedAfter !== undefined) {
    const after = filter.archivedAfter;
    query = query.where((eb) => eb.or([eb('channels.delete_at', '=', 0), eb('channels.delete_at', '>', after)]));
  }
  if (filter.archivedOnlyForMember !== undefined) {
    const userId = filter.archivedOnlyForMember;
    query = query.where((eb) => eb.or([eb('channels.delete_at', '=', 0), isMember(userId)]));
  }
  if (filter.memberOf !== undefined) query = query.where(isMember(filter.memberOf));
  if (filter.publicOrMemberOf !== undefined) {
    const userId = filter.publicOrMemberOf;
    query = query.where((eb) => eb.or([eb('channels.type', '=', 'O'), isMember(userId)]));
  }
  const term = filter.term?.trim().toLowerCase();
  if (term) {
    const byId = filter.termMatchesId ?? false;
    query = query.where((eb) =>
      eb.or([
        wordStarts('channels.name', term),
        wordStarts('channels.display_name', term),
        wordStarts('channels.purpose', term),
        ...(byId ? [eb('channels.id', '=', term)] : []),
      ]),
    );
  }
  if (filter.excludeNames?.length) query = query.where('channels.name', 'not in', [...filter.excludeNames]);
  if (filter.groupConstrained === true) query = query.where('channels.group_constrained', '=', 1);
  if (filter.groupConstrained === false) {
    query = query.where((eb) => eb.or([eb('channels.group_constrained', 'is', null), eb('channels.group_constrained', '=', 0)]));
  }
  return query;
}
