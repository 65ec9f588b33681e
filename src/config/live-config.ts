import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultConfig, type Config } from './defaults.js';
import { mergeConfig, type LoadedConfig } from './loader.js';

type Listener = (next: Config, previous: Config) => void;

/**
 * The running server's config. Readers call `get()` each time (never keep a copy) so that changes
 * made through the API or by another node take effect without a restart.
 */
export class LiveConfig {
  private current: Config;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly loaded: LoadedConfig) {
    this.current = loaded.config;
  }

  get(): Config {
    return this.current;
  }

  get envOverrides(): ReadonlySet<string> {
    return this.loaded.envOverrides;
  }

  /** Replaces the config with `next` merged over defaults; settings fixed by env keep their env value. */
  replace(next: unknown, options: { persist?: boolean } = {}): Config {
    const merged = defaultConfig();
    mergeConfig(merged, this.current);
    mergeConfig(merged, next);
    for (const name of this.loaded.envOverrides) {
      const [section, key] = name.split('.') as [string, string];
      const from = (this.current as unknown as Record<string, Record<string, unknown>>)[section];
      const to = (merged as unknown as Record<string, Record<string, unknown>>)[section];
      if (from && to) to[key] = from[key];
    }
    const previous = this.current;
    this.current = merged;
    if (options.persist && this.loaded.path) {
      mkdirSync(dirname(this.loaded.path), { recursive: true });
      writeFileSync(this.loaded.path, JSON.stringify(merged, null, 2));
    }
    for (const listener of this.listeners) listener(merged, previous);
    return merged;
  }

  /** Applies a mutation to a copy of the config (handy in tests and for single settings). */
  update(mutate: (draft: Config) => void, options: { persist?: boolean } = {}): Config {
    const draft = structuredClone(this.current);
    mutate(draft);
    return this.replace(draft, options);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
