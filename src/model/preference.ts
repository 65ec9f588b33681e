import { AppError } from './app-error.js';
import { isValidId } from './ids.js';
import { runeCount } from './user.js';

/** One user setting, keyed by (user_id, category, name), as Mattermost's JSON has it. */
export interface Preference {
  user_id: string;
  category: string;
  name: string;
  value: string;
}

/** Categories and names with a meaning on the server (Mattermost's constants). */
export const PREFERENCE_CATEGORY = {
  flaggedPost: 'flagged_post',
  theme: 'theme',
  sidebarSettings: 'sidebar_settings',
  customStatus: 'custom_status',
} as const;

export const PREFERENCE_NAME = {
  recentCustomStatuses: 'recent_custom_statuses',
  limitVisibleDmsGms: 'limit_visible_dms_gms',
} as const;

export const PREFERENCE_CATEGORY_MAX_BYTES = 32;
export const PREFERENCE_NAME_MAX_BYTES = 32;
export const PREFERENCE_VALUE_MAX_RUNES = 20_000;
/** How many preferences one save or delete may carry (Mattermost's maxUpdatePreferences). */
export const MAX_PREFERENCES_PER_REQUEST = 100;
const MAX_VISIBLE_DMS_GMS = 40;

// Theme entries that are not colours; every other entry must be a #rgb or #rrggbb colour.
const THEME_NON_COLOUR_KEYS: ReadonlySet<string> = new Set(['image', 'type', 'codeTheme']);
const THEME_COLOUR = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;

/**
 * Reads a list of preferences the way Go decodes `[]Preference`: null stands for an empty list or
 * an empty entry, unknown fields are ignored, missing fields are empty; anything else of the wrong
 * type makes the whole body unreadable (undefined).
 */
export function parsePreferences(body: unknown): Preference[] | undefined {
  if (body === null || body === undefined) return [];
  if (!Array.isArray(body)) return undefined;
  const out: Preference[] = [];
  for (const item of body as unknown[]) {
    if (item === null) {
      out.push({ user_id: '', category: '', name: '', value: '' });
      continue;
    }
    if (typeof item !== 'object' || Array.isArray(item)) return undefined;
    const fields = item as Record<string, unknown>;
    const text = (key: keyof Preference): string | undefined => {
      const value = fields[key];
      if (value === undefined || value === null) return '';
      return typeof value === 'string' ? value : undefined;
    };
    const preference = { user_id: text('user_id'), category: text('category'), name: text('name'), value: text('value') };
    if (preference.user_id === undefined || preference.category === undefined || preference.name === undefined || preference.value === undefined) return undefined;
    out.push(preference as Preference);
  }
  return out;
}

/**
 * Mattermost's PreUpdate: a theme keeps only its string entries, and every entry that should be a
 * colour but is not becomes white. A theme that is not a JSON object is stored as `null`, as
 * Mattermost stores it. Other categories are left as they are.
 */
export function preparePreference(preference: Preference): Preference {
  if (preference.category !== PREFERENCE_CATEGORY.theme) return preference;
  let parsed: unknown;
  try {
    parsed = JSON.parse(preference.value);
  } catch {
    parsed = null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ...preference, value: 'null' };
  const theme: Record<string, string> = {};
  for (const [key, entry] of Object.entries(parsed as Record<string, unknown>)) {
    if (entry !== null && typeof entry !== 'string') continue;
    const value = entry ?? '';
    theme[key] = THEME_NON_COLOUR_KEYS.has(key) || THEME_COLOUR.test(value) ? value : '#ffffff';
  }
  return { ...preference, value: goJsonObject(theme) };
}

/**
 * Mattermost's Preference.IsValid.
 * @returns the 400 AppError (model.preference.is_valid.*) for the first broken rule, or undefined
 */
export function preferenceError(preference: Preference): AppError | undefined {
  const invalid = (what: string, details: string) => AppError.badRequest(`model.preference.is_valid.${what}.app_error`, details);
  const userId = preference.user_id;
  if (!isValidId(userId)) return invalid('id', `user_id=${String(userId)}`);
  const categoryBytes = Buffer.byteLength(preference.category);
  if (categoryBytes === 0 || categoryBytes > PREFERENCE_CATEGORY_MAX_BYTES) return invalid('category', `category=${preference.category}`);
  if (Buffer.byteLength(preference.name) > PREFERENCE_NAME_MAX_BYTES) return invalid('name', `name=${preference.name}`);
  if (runeCount(preference.value) > PREFERENCE_VALUE_MAX_RUNES) return invalid('value', `length=${preference.value.length}`);
  if (preference.category === PREFERENCE_CATEGORY.theme && !isThemeValue(preference.value)) return invalid('theme', 'not a map of strings');
  if (preference.category === PREFERENCE_CATEGORY.sidebarSettings && preference.name === PREFERENCE_NAME.limitVisibleDmsGms) {
    const limit = /^[+-]?\d+$/.test(preference.value) ? Number(preference.value) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_VISIBLE_DMS_GMS)) return invalid('limit_visible_dms_gms', `value=${preference.value}`);
  }
  return undefined;
}

/**
 * Category and preference names in URLs: the router takes letters, digits and underscores; the
 * handler then wants Mattermost's "alphanumeric with format" (lower case, at least two characters,
 * starting and ending with a letter or digit).
 */
export function isRoutablePreferenceSegment(value: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(value);
}

export function isValidPreferenceSegment(value: string): boolean {
  return /^[a-z0-9]+([a-z0-9_-]+|(__)?)[a-z0-9]+$/.test(value);
}

/** The JSON Mattermost sends preferences in (its field order). */
export function preferencesJson(preferences: readonly Preference[]): string {
  return JSON.stringify(preferences.map((p) => ({ user_id: p.user_id, category: p.category, name: p.name, value: p.value })));
}

function isThemeValue(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null) return true;
    return typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => v === null || typeof v === 'string');
  } catch {
    return false;
  }
}

/** A string map encoded as Go's json.Marshal does: keys sorted, <, > and & escaped. */
function goJsonObject(map: Record<string, string>): string {
  const body = Object.keys(map)
    .sort()
    .map((key) => `${goJsonString(key)}:${goJsonString(map[key] ?? '')}`)
    .join(',');
  return `{${body}}`;
}

function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
