// The load generator of the fan-out benchmark, in its own process: opens many sockets to one
// server, then for each round triggers a broadcast over HTTP and reports how long it took until
// the last socket had the frame carrying the round's marker.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

export type ParentMessage =
  | { type: 'connect'; url: string; count: number; headers: Record<string, string>; waitForHello: boolean }
  | { type: 'round'; marker: string; trigger: { url: string; method: string; headers: Record<string, string>; body: string } }
  | { type: 'close' };

export type ChildMessage = { type: 'ready' } | { type: 'done'; ms: number } | { type: 'closed' } | { type: 'error'; message: string };

const sockets: WebSocket[] = [];
let onFrame: ((text: string) => void) | undefined;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function connect(url: string, count: number, headers: Record<string, string>, waitForHello: boolean): Promise<void> {
  const opening: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    sockets.push(ws);
    opening.push(
      new Promise((resolve, reject) => {
        ws.once('error', reject);
        if (waitForHello) ws.once('message', () => resolve());
        else ws.once('open', () => resolve());
      }),
    );
    ws.on('message', (data: Buffer) => onFrame?.(data.toString('utf8')));
  }
  await Promise.all(opening);
}

async function round(marker: string, trigger: { url: string; method: string; headers: Record<string, string>; body: string }): Promise<number> {
  let pending = sockets.length;
  let finish: (ms: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));
  const started = performance.now();
  onFrame = (text) => {
    if (!text.includes(marker)) return;
    pending -= 1;
    if (pending === 0) finish(performance.now() - started);
  };
  const response = await fetch(trigger.url, { method: trigger.method, headers: trigger.headers, body: trigger.body });
  if (!response.ok) throw new Error(`trigger answered ${response.status}: ${await response.text()}`);
  const ms = await done;
  onFrame = undefined;
  return ms;
}

process.on('message', (message: ParentMessage) => {
  const work = async (): Promise<void> => {
    if (message.type === 'connect') {
      await connect(message.url, message.count, message.headers, message.waitForHello);
      send({ type: 'ready' });
    } else if (message.type === 'round') {
      send({ type: 'done', ms: await round(message.marker, message.trigger) });
    } else {
      for (const ws of sockets) ws.terminate();
      sockets.length = 0;
      send({ type: 'closed' });
    }
  };
  work().catch((error: unknown) => send({ type: 'error', message: String(error) }));
});
