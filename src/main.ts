import { buildApp } from './app.js';
import { clusterOptionsFromEnv } from './cluster/cluster-options.js';
import { parseListenAddress } from './config/listen-address.js';
import { loadConfig } from './config/loader.js';

async function main(): Promise<void> {
  const loaded = loadConfig();
  const cluster = clusterOptionsFromEnv(process.env);
  const app = await buildApp({ config: loaded, ...(cluster ? { cluster } : {}) });
  const { host, port } = parseListenAddress(process.env['PORT'] ? `:${process.env['PORT']}` : loaded.config.ServiceSettings.ListenAddress);
  await app.http.listen({ host, port });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.http.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A hard deadline, so a stuck request cannot keep the process alive forever.
    const deadline = setTimeout(() => process.exit(1), 30_000);
    deadline.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.http.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
