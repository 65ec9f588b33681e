import type { Readable } from 'node:stream';
import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';
import type { FileStore } from './file-store.js';
import { LocalFileStore } from './local-file-store.js';

type FileSettings = ReturnType<LiveConfig['get']>['FileSettings'];

/** Builds a driver for the settings; registered per `FileSettings.DriverName`. */
export type FileStoreDriver = (settings: FileSettings) => FileStore;

const BUILT_IN_DRIVERS: Readonly<Record<string, FileStoreDriver>> = {
  local: (settings) => new LocalFileStore(settings.Directory),
};

/**
 * The file store the current config names. Settings are read on every call, so a change of
 * `FileSettings` (driver or directory) applies to the next request without a restart.
 */
export class ConfiguredFileStore implements FileStore {
  private cached: { key: string; store: FileStore } | undefined;

  constructor(
    private readonly config: LiveConfig,
    private readonly drivers: Readonly<Record<string, FileStoreDriver>> = BUILT_IN_DRIVERS,
  ) {}

  /** True when a driver is configured at all (Mattermost refuses uploads with an empty DriverName). */
  isConfigured(): boolean {
    return this.config.get().FileSettings.DriverName !== '';
  }

  write(path: string, data: Buffer | Readable): Promise<number> {
    return this.current().write(path, data);
  }

  read(path: string): Promise<Buffer> {
    return this.current().read(path);
  }

  openRead(path: string): Promise<Readable> {
    return this.current().openRead(path);
  }

  exists(path: string): Promise<boolean> {
    return this.current().exists(path);
  }

  remove(path: string): Promise<void> {
    return this.current().remove(path);
  }

  removeDirectory(path: string): Promise<void> {
    return this.current().removeDirectory(path);
  }

  testConnection(): Promise<void> {
    return this.current().testConnection();
  }

  /** @throws AppError 501 api.file.no_driver.app_error for a driver this build does not have. */
  private current(): FileStore {
    const settings = this.config.get().FileSettings;
    const key = `${settings.DriverName}\u0000${settings.Directory}`;
    if (this.cached?.key === key) return this.cached.store;
    const driver = this.drivers[settings.DriverName];
    if (!driver) throw AppError.notImplemented('api.file.no_driver.app_error', `driver=${settings.DriverName}`);
    const store = driver(settings);
    this.cached = { key, store };
    return store;
  }
}
