import { existsSync, readFileSync } from 'node:fs';
import { defaultConfig, type Config } from './defaults.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Section = Record<string, unknown>;

export interface LoadedConfig {
  config: Config;
  /** The file the config came from and is saved to; undefined when none was given or found. */
  path: string | undefined;
  /** "Section.Setting" names fixed by environment variables (they win over the file and over saves). */
  envOverrides: Set<string>;
}

/**
 * Config from, in rising priority: defaults, the JSON file (`PARLEY_CONFIG` or `./data/config.json`
 * when present), Mattermost-style variables (`MM_SERVICESETTINGS_SITEURL`), and `DATABASE_URL`.
 * @throws Error when the file is not valid JSON.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, explicitPath?: string): LoadedConfig {
  const config = defaultConfig();
  const path = explicitPath ?? env['PARLEY_CONFIG'] ?? (existsSync('./data/config.json') ? './data/config.json' : undefined);
  if (path !== undefined && existsSync(path)) {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    mergeConfig(config, parsed);
  }
  const envOverrides = applyEnv(config, env);
  return { config, path, envOverrides };
}

/** Copies known settings from `source` into `target`, keeping each setting's type. Unknown keys are ignored. */
export function mergeConfig(target: Config, source: unknown): void {
  if (!isObject(source)) return;
  const sections = target as unknown as Record<string, Section>;
  for (const [sectionName, section] of Object.entries(sections)) {
    const incoming = source[sectionName];
    if (!isObject(incoming)) continue;
    for (const key of Object.keys(section)) {
      if (!(key in incoming)) continue;
      const value = coerceLike(section[key], incoming[key]);
      if (value !== undefined) section[key] = value;
    }
  }
}

function applyEnv(config: Config, env: NodeJS.ProcessEnv): Set<string> {
  const overrides = new Set<string>();
  const sections = config as unknown as Record<string, Section>;
  for (const [sectionName, section] of Object.entries(sections)) {
    for (const key of Object.keys(section)) {
      const raw = env[`MM_${sectionName}_${key}`.toUpperCase()];
      if (raw === undefined) continue;
      const value = coerceLike(section[key], parseEnvValue(raw, section[key]));
      if (value !== undefined) {
        section[key] = value;
        overrides.add(`${sectionName}.${key}`);
      }
    }
  }
  const databaseUrl = env['DATABASE_URL'];
  if (databaseUrl) {
    config.SqlSettings.DriverName = databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite';
    config.SqlSettings.DataSource = databaseUrl;
    overrides.add('SqlSettings.DriverName').add('SqlSettings.DataSource');
  }
  return overrides;
}

function parseEnvValue(raw: string, like: unknown): Json {
  if (typeof like === 'string') return raw;
  if (Array.isArray(like)) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed as Json[];
    } catch {
      // Mattermost also accepts space-separated lists for array settings.
    }
    return raw.split(/\s+/).filter(Boolean);
  }
  try {
    return JSON.parse(raw) as Json;
  } catch {
    return raw;
  }
}

function coerceLike(like: unknown, value: unknown): unknown {
  if (typeof like === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true') return true;
    if (value === 'false') return false;
    return undefined;
  }
  if (typeof like === 'number') {
    const n = typeof value === 'string' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  }
  if (typeof like === 'string') return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  if (Array.isArray(like)) return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
