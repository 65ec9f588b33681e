import type { Config } from '../../config/defaults.js';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import {
  RESERVED_TEAM_NAME_PREFIXES,
  TEAM_ALLOWED_DOMAINS_MAX_LENGTH,
  TEAM_COMPANY_NAME_MAX_LENGTH,
  TEAM_DESCRIPTION_MAX_LENGTH,
  TEAM_DISPLAY_NAME_MAX_RUNES,
  TEAM_EMAIL_MAX_LENGTH,
  TEAM_INVITE,
  TEAM_NAME_MAX_LENGTH,
  TEAM_NAME_MIN_LENGTH,
  TEAM_OPEN,
  syncTeamType,
  type TeamRecord,
} from '../../model/team.js';
import { hasRole, isValidEmail, runeCount, sanitizeUnicode, type UserRecord } from '../../model/user.js';
import { ROLE_NAMES } from '../../model/permissions.js';

// Lower-case letters, digits and inner hyphens (or one inner "__"), at least two characters.
const TEAM_NAME_PATTERN = /^[a-z0-9]+([a-z\-0-9]+|(__)?)[a-z0-9]+$/;

/** Mattermost's IsValidTeamName. */
export function isValidTeamName(name: string): boolean {
  return TEAM_NAME_PATTERN.test(name) && name.length >= TEAM_NAME_MIN_LENGTH;
}

/** Names starting with one of the web app's route words are reserved, whatever their case. */
export function isReservedTeamName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_TEAM_NAME_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

function invalid(field: string, teamId: string): AppError {
  return new AppError(`model.team.is_valid.${field}.app_error`, 400, { details: `id=${teamId}` });
}

/**
 * Mattermost's Team.IsValid: the first broken rule wins.
 * @throws AppError 400 model.team.is_valid.<field>.app_error
 */
export function validateTeam(team: TeamRecord): void {
  if (!isValidId(team.id)) throw invalid('id', '');
  if (team.create_at === 0) throw invalid('create_at', team.id);
  if (team.update_at === 0) throw invalid('update_at', team.id);
  if (bytes(team.email) > TEAM_EMAIL_MAX_LENGTH || (team.email !== '' && !isValidEmail(team.email))) throw invalid('email', team.id);
  const displayRunes = runeCount(team.display_name);
  if (displayRunes === 0 || displayRunes > TEAM_DISPLAY_NAME_MAX_RUNES) throw invalid('name', team.id);
  if (bytes(team.name) > TEAM_NAME_MAX_LENGTH) throw invalid('url', team.id);
  if (bytes(team.description) > TEAM_DESCRIPTION_MAX_LENGTH) throw invalid('description', team.id);
  if (team.invite_id === '') throw invalid('invite_id', team.id);
  if (isReservedTeamName(team.name)) throw invalid('reserved', team.id);
  if (!isValidTeamName(team.name)) throw invalid('characters', team.id);
  if (team.type !== TEAM_OPEN && team.type !== TEAM_INVITE) throw invalid('type', team.id);
  if (bytes(team.company_name) > TEAM_COMPANY_NAME_MAX_LENGTH) throw invalid('company', team.id);
  if (bytes(team.allowed_domains) > TEAM_ALLOWED_DOMAINS_MAX_LENGTH) throw invalid('domains', team.id);
}

/** Mattermost's PreSave/PreUpdate clean-up: invisible characters out, type and open invites in step. */
export function normaliseTeam(team: TeamRecord): TeamRecord {
  team.name = sanitizeUnicode(team.name);
  team.display_name = sanitizeUnicode(team.display_name);
  team.description = sanitizeUnicode(team.description);
  team.company_name = sanitizeUnicode(team.company_name);
  return syncTeamType(team);
}

/** Domains of a restriction list; commas and "@" are optional ("@a.com, b.com c.org"). */
export function normalizeDomains(domains: string): string[] {
  return domains.toLowerCase().replace(/@/g, ' ').replace(/,/g, ' ').trim().split(/\s+/).filter(Boolean);
}

/** True when the email satisfies every non-empty restriction list (Mattermost's IsEmailAddressAllowed). */
export function isEmailAddressAllowed(email: string, restrictions: readonly string[]): boolean {
  for (const restriction of restrictions) {
    const domains = normalizeDomains(restriction);
    if (domains.length === 0) continue;
    if (!domains.some((d) => email.endsWith(`@${d}`))) return false;
  }
  return true;
}

export function isGuestUser(user: Pick<UserRecord, 'roles'>): boolean {
  return hasRole(user.roles, ROLE_NAMES.systemGuest);
}

/** The restriction lists a user's email must meet to be in the team: the guest list for guests. */
export function allowedDomainsFor(user: UserRecord, team: TeamRecord, config: Config): string[] {
  if (isGuestUser(user)) return [config.GuestAccountsSettings.RestrictCreationToDomains];
  return [team.allowed_domains, config.TeamSettings.RestrictCreationToDomains];
}

/** Mattermost's IsTeamEmailAllowed: bots always; others by their (lower-cased) email. */
export function isTeamEmailAllowed(user: UserRecord, team: TeamRecord, config: Config): boolean {
  if (user.is_bot) return true;
  return isEmailAddressAllowed(user.email.toLowerCase(), allowedDomainsFor(user, team, config));
}

/**
 * A team may only allow domains the server allows.
 * @throws AppError 400 api.team.update_restricted_domains.mismatch.app_error
 */
export function checkValidDomains(team: TeamRecord, config: Config): void {
  const valid = normalizeDomains(config.TeamSettings.RestrictCreationToDomains);
  if (valid.length === 0) return;
  for (const domain of normalizeDomains(team.allowed_domains)) {
    if (!valid.includes(domain)) {
      throw AppError.badRequest('api.team.update_restricted_domains.mismatch.app_error', `domain=${domain}`, { Domain: domain });
    }
  }
}
