import 'reflect-metadata';
import { Controller, describeController, flattenMounts, Get, Router, WebSocket } from '@trellis/metadata';

class UserOut {}
class OldOut {}

@Controller('/users', { tags: ['users'] })
class Users {
  @Get('/:id', { responseModel: UserOut, tags: ['read'] }) get() {}
  @Get('/old', { response: OldOut }) old() {}
  @WebSocket('/live') live() {}
}

describe('describeController', () => {
  it('describes each declared route with its handler label, response model and kind', () => {
    const controller = describeController(Users);
    expect(controller.routes.map((r) => [r.method, r.path, r.label, r.responseModel, r.websocket])).toEqual([
      ['GET', '/:id', 'Users.get()', UserOut, false],
      ['GET', '/old', 'Users.old()', OldOut, false],
      ['GET', '/live', 'Users.live()', undefined, true],
    ]);
    expect(Object.isFrozen(controller.routes[0])).toBe(true);
    // The WebSocket flag is recorded beside the options, not in them, and such routes stay out of OpenAPI.
    expect(controller.routes[2]!.options).toEqual({ includeInSchema: false });
  });

  it('mounts routes at their final URLs with everything the mounts add', () => {
    const api = new Router({ prefix: '/api', tags: ['api'] }).include(Users, { prefix: '/v1' });
    expect(flattenMounts(api).map((m) => [m.url, m.tags, m.includeInSchema])).toEqual([
      ['/api/v1/users/:id', ['api', 'users', 'read'], true],
      ['/api/v1/users/old', ['api', 'users'], true],
      ['/api/v1/users/live', ['api', 'users'], false],
    ]);
  });
});
