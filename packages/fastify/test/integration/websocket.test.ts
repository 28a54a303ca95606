import 'reflect-metadata';
import { BackgroundTasks, Controller, Depends, dependency, Get, HTTPException, Query, Socket, WebSocket as WebSocketRoute } from '@trellis/metadata';
import { createApp, StartupError, TestClient, WebSocketConnection, WebSocketException, type TrellisApp } from '@trellis/fastify';
import { WebSocket } from 'ws';

const events: string[] = [];

const userFromToken = dependency({ token: Query('token', { optional: true }) }, async ({ token }) => {
  // Slow on purpose: messages the client sends meanwhile must be queued, not lost.
  await new Promise((resolve) => setTimeout(resolve, 30));
  if (token !== 'secret') throw new WebSocketException(1008, 'Not authenticated');
  return { name: 'ada' };
});

async function* session() {
  events.push('session open');
  try {
    yield { id: 7 };
  } finally {
    events.push('session closed');
  }
}

@Controller('/ws')
class Sockets {
  @WebSocketRoute('/chat')
  async chat(ws: WebSocketConnection, @Depends(userFromToken) user: { name: string }, @Depends(session) s: { id: number }) {
    ws.sendJson({ hello: user.name, session: s.id, path: ws.request.path });
    for await (const text of ws) ws.sendText(`${user.name}: ${text}`);
    events.push('chat loop ended');
  }

  @WebSocketRoute('/rooms/:room')
  room(@Socket() ws: WebSocketConnection, @Query('limit', { type: 'integer' }) limit: number) {
    ws.sendText(`limit ${limit}`);
  }

  @WebSocketRoute('/crash')
  async crash(ws: WebSocketConnection) {
    const first = await ws.receiveText();
    throw new Error(`boom on ${first}`);
  }

  @WebSocketRoute('/guarded', { dependencies: [Depends(() => { throw new HTTPException(403, 'Forbidden zone'); })] })
  guarded(ws: WebSocketConnection) {
    ws.sendText('never');
  }

  @WebSocketRoute('/tasks')
  async withTasks(ws: WebSocketConnection, tasks: BackgroundTasks) {
    tasks.addTask(async (label: string) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push(label);
    }, 'task ran');
    ws.sendText(await ws.receiveText());
  }

  @Get('/plain')
  plain() {
    return { ok: true };
  }
}

interface Outcome {
  messages: string[];
  code: number;
  reason: string;
}

/** Opens a connection, sends `send` right away, and resolves with what came back once it closes. */
function converse(url: string, send: string[] = [], closeAfter?: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const client = new WebSocket(url);
    const messages: string[] = [];
    client.on('open', () => send.forEach((m) => client.send(m)));
    client.on('message', (data) => {
      messages.push(data.toString());
      if (closeAfter !== undefined && messages.length === closeAfter) client.close(1000, 'bye');
    });
    client.on('close', (code, reason) => resolve({ messages, code, reason: reason.toString() }));
    client.on('error', reject);
  });
}

describe('@WebSocket routes over a real socket', () => {
  let app: TrellisApp;
  let ws: string;
  let http: string;
  beforeAll(async () => {
    app = createApp({ fastify: { logger: false } }).include(Sockets);
    http = await app.listen({ port: 0, host: '127.0.0.1' });
    ws = http.replace('http', 'ws');
  });
  afterAll(() => app.close());
  beforeEach(() => (events.length = 0));

  it('runs dependencies from the upgrade request, keeps early messages, and closes cleanly when the client leaves', async () => {
    const outcome = await converse(`${ws}/ws/chat?token=secret`, ['one', 'two'], 3);
    expect(outcome).toEqual({ messages: ['{"hello":"ada","session":7,"path":"/ws/chat"}', 'ada: one', 'ada: two'], code: 1000, reason: 'bye' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['session open', 'chat loop ended', 'session closed']);
  });

  it('closes with the code and reason of a WebSocketException raised by a dependency (auth from a query token)', async () => {
    const outcome = await converse(`${ws}/ws/chat?token=wrong`, ['ignored']);
    expect(outcome).toEqual({ messages: [], code: 1008, reason: 'Not authenticated' });
    // The handler never ran; the session dependency did not either (auth comes first).
    expect(events).toEqual([]);
  });

  it('closes with 1008 and the first validation error for an invalid parameter', async () => {
    const outcome = await converse(`${ws}/ws/rooms/a?limit=many`);
    expect(outcome).toEqual({ messages: [], code: 1008, reason: 'query.limit: Input should be a valid integer, unable to parse string as an integer' });
  });

  it('closes with 1008 and the detail of a 4xx HTTPException from a route-level dependency', async () => {
    const outcome = await converse(`${ws}/ws/guarded`);
    expect(outcome).toEqual({ messages: [], code: 1008, reason: 'Forbidden zone' });
  });

  it('closes with 1000 once the handler returns', async () => {
    const outcome = await converse(`${ws}/ws/rooms/a?limit=5`);
    expect(outcome).toEqual({ messages: ['limit 5'], code: 1000, reason: '' });
  });

  it('closes with 1011 and no detail when the handler fails, and keeps serving', async () => {
    const outcome = await converse(`${ws}/ws/crash`, ['x']);
    expect(outcome).toEqual({ messages: [], code: 1011, reason: '' });
    const again = await converse(`${ws}/ws/rooms/b?limit=1`);
    expect(again.code).toBe(1000);
  });

  it('answers a plain GET on a WebSocket path with 404 and other methods with 405; HTTP routes are untouched', async () => {
    const get = await fetch(`${http}/ws/chat`);
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual({ detail: 'Not Found' });
    const post = await fetch(`${http}/ws/chat`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const plain = await fetch(`${http}/ws/plain`);
    expect(await plain.json()).toEqual({ ok: true });
  });
});

describe('background tasks of a WebSocket route', () => {
  it('run after the connection ends, and close() waits for them', async () => {
    events.length = 0;
    const app = createApp({ fastify: { logger: false } }).include(Sockets);
    const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
    const outcome = await converse(`${url}/ws/tasks`, ['ping']);
    expect(outcome).toEqual({ messages: ['ping'], code: 1000, reason: '' });
    expect(events).toEqual([]);
    await app.close();
    expect(events).toEqual(['task ran']);
  });
});

describe('WebSocket misdeclarations', () => {
  it('refuses a connection parameter on an HTTP route', async () => {
    @Controller()
    class Wrong {
      @Get('/w') w(@Socket() ws: WebSocketConnection) {
        return String(ws);
      }
    }
    await expect(new TestClient(createApp().include(Wrong)).get('/w')).rejects.toThrow(
      new StartupError('TRELLIS_WEBSOCKET_PARAM', 'Wrong.w() parameter #0 (@Socket()): a WebSocket connection exists only in @WebSocket routes, not in @GET'),
    );
  });
});
