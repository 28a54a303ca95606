import 'reflect-metadata';
import { Controller, Depends, dependency, Query, WebSocket } from '@trellis/metadata';
import { createApp, WebSocketConnection, WebSocketException } from '@trellis/fastify';

const tokens: Record<string, string> = { 'token-for-ada': 'ada' };

// #region auth
const userFromToken = dependency({ token: Query('token', { optional: true }) }, function userFromToken({ token }) {
  const name = token ? tokens[token] : undefined;
  if (!name) throw new WebSocketException(1008, 'Not authenticated'); // closes with code 1008
  return { name };
});
// #endregion auth

@Controller()
class Chat {
  // #region chat
  @WebSocket('/chat')
  async chat(ws: WebSocketConnection, @Depends(userFromToken) user: { name: string }) {
    ws.sendJson({ hello: user.name });
    for await (const text of ws) ws.sendText(`${user.name}: ${text}`); // ends when the client closes
  }
  // #endregion chat
}

export const app = createApp().include(Chat);
