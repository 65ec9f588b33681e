import { createHash } from 'node:crypto';
import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { EventBus } from '../../events/event-bus.js';
import { newId } from '../../model/ids.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import { MATTERMOST_COMPAT_VERSION } from '../../version.js';
import { buildClientConfig, buildClientLicense } from './client-config.js';

const DIAGNOSTIC_ID = 'DiagnosticId';

/** Server facts: health, the config and licence clients read at start, the config hash. */
export class SystemService {
  private diagnosticId = '';
  private hash = '';

  constructor(private readonly deps: { store: Store; config: LiveConfig; bus: EventBus; files?: { testConnection(): Promise<void> } }) {
    deps.config.onChange(() => {
      this.hash = '';
      // Clients are told through config_changed, as Mattermost's config listener does.
      deps.bus.publish([event('config.changed', {})]);
    });
  }

  /** Loads or creates the installation's id. */
  async initialise(): Promise<void> {
    await this.deps.store.system.setIfAbsent(DIAGNOSTIC_ID, newId());
    this.diagnosticId = (await this.deps.store.system.get(DIAGNOSTIC_ID)) ?? '';
  }

  /** GET /system/ping; with `withStatus`, the database is asked too. */
  async ping(withStatus: boolean): Promise<{ body: Record<string, string | number>; healthy: boolean }> {
    const body: Record<string, string | number> = {
      ActiveSearchBackend: 'database',
      AndroidLatestVersion: '',
      AndroidMinVersion: '',
      IosLatestVersion: '',
      IosMinVersion: '',
      status: 'OK',
    };
    if (!withStatus) return { body, healthy: true };
    let healthy = true;
    try {
      await this.deps.store.system.ping();
      body['database_status'] = 'OK';
    } catch {
      healthy = false;
      body['database_status'] = 'UNHEALTHY';
      body['status'] = 'UNHEALTHY';
    }
    try {
      await this.deps.files?.testConnection();
      body['filestore_status'] = 'OK';
    } catch {
      healthy = false;
      body['filestore_status'] = 'UNHEALTHY';
      body['status'] = 'UNHEALTHY';
    }
    return { body, healthy };
  }

  async clientConfig(ctx: RequestContext): Promise<Record<string, string>> {
    const noAccounts = (await this.deps.store.users.count()) === 0;
    return buildClientConfig(this.deps.config.get(), { diagnosticId: this.diagnosticId, noAccounts, limited: !ctx.session });
  }

  /** The client config as a signed-in user gets it (what config_changed carries). */
  clientConfigForUsers(): Record<string, string> {
    return buildClientConfig(this.deps.config.get(), { diagnosticId: this.diagnosticId, noAccounts: false, limited: false });
  }

  /** The version string of X-Version-Id and of the WebSocket hello: version, build, config hash, licensed. */
  versionId(): string {
    return `${MATTERMOST_COMPAT_VERSION}.0.${this.configHash()}.true`;
  }

  clientLicense(): Record<string, string> {
    return buildClientLicense();
  }

  /** Short hash of the config, part of X-Version-Id so clients notice config changes. */
  configHash(): string {
    if (!this.hash) {
      this.hash = createHash('md5').update(JSON.stringify(this.deps.config.get())).digest('hex').slice(0, 32);
    }
    return this.hash;
  }
}
