import 'reflect-metadata';
import {
  BackgroundTasks,
  Body,
  Controller,
  Depends,
  dependency,
  flattenMounts,
  Get,
  Header,
  HTTPBearer,
  Path,
  Post,
  Query,
  Security,
  SecurityScopes,
  type MountedRoute,
} from '@trellis/metadata';
import { IsString } from 'class-validator';
import { buildRoutePlan, type PlanContext } from '../../../src/plan/build-route-plan';
import type { RoutePlan } from '../../../src/plan/route-plan';
import { Request } from '../../../src/request';
import { AppScope } from '../../../src/runtime/app-scope';
import { DEFAULT_VALIDATION_LIMITS } from '../../../src/validation/validation-limits';

/*
 * The plan builder alone, no server: what a route compiles into (dependency order, cache
 * keys, scopes, inputs) and every misdeclaration it refuses, by message.
 */
function contextWith(overrides: ReadonlyMap<Function, Function> = new Map()): PlanContext {
  const instances = new Map<Function, object>();
  return {
    overrides,
    appScope: new AppScope(),
    requestClass: Request,
    toRequest: () => undefined,
    newTasks: () => new BackgroundTasks(),
    limits: DEFAULT_VALIDATION_LIMITS,
    instanceFor: (controller) => {
      if (!instances.has(controller.target)) instances.set(controller.target, new (controller.target as new () => object)());
      return instances.get(controller.target)!;
    },
  };
}

function routesOf(controller: Function, dependencies?: MountedRoute['dependencies']): MountedRoute[] {
  return flattenMounts(controller, dependencies ? { dependencies } : {});
}

function plan(controller: Function, handler: string, context = contextWith()): RoutePlan {
  const mounted = routesOf(controller).find((route) => route.route.handlerName === handler)!;
  return buildRoutePlan(mounted, context);
}

const build = (controller: Function, handler: string, context = contextWith()) => () => plan(controller, handler, context);

function getDb() {
  return 'db';
}
const token = dependency({ token: Header('x-token') }, function token({ token }) {
  return token;
});
const currentUser = dependency({ db: Depends(getDb), token: Depends(token) }, function currentUser({ db, token }) {
  return `${db}:${token}`;
});
const audit = dependency({ db: Depends(getDb) }, function audit({ db }) {
  return db;
});

describe('dependency order and caching', () => {
  @Controller('/a')
  class Graph {
    @Get('/x') x(@Depends(currentUser) _user: string, @Depends(audit) _audit: string, @Depends(getDb, { useCache: false }) _fresh: string) {
      return null;
    }
  }

  it('flattens depth-first in declaration order, shared dependencies once, useCache: false again', () => {
    const built = plan(Graph, 'x');
    expect(built.nodes.map((node) => node.label)).toEqual(['currentUser → getDb', 'currentUser → token', 'currentUser', 'audit', 'getDb']);
    expect(built.nodes.map((node) => node.slot)).toEqual([0, 1, 2, 3, 4]);
    expect(built.slotCount).toBe(5);
    // audit's getDb is the first one: its node has one argument, reading slot 0.
    expect(built.nodes[3]!.args).toHaveLength(1);
  });

  it('runs mount-level dependencies first, outermost first', () => {
    const [mounted] = routesOf(Graph, [Depends(audit)]);
    const built = buildRoutePlan(mounted!, contextWith());
    expect(built.nodes.map((node) => node.label)).toEqual(['audit → getDb', 'audit', 'currentUser → token', 'currentUser', 'getDb']);
  });

  it('an override replaces the call, not the node it is known by', () => {
    const fake = () => 'fake';
    const built = plan(Graph, 'x', contextWith(new Map([[getDb, fake]])));
    expect(built.nodes[0]!.original).toBe(getDb);
    expect(built.nodes[0]!.call([], undefined as never)).toBe('fake');
  });

  it('keys the cache by required security scopes too: one node per scope set', () => {
    const bearer = HTTPBearer();
    const scoped = dependency({ required: Depends(SecurityScopes), creds: Depends(bearer) }, function scoped({ required }) {
      return required.scopes;
    });
    @Controller()
    class Scoped {
      @Get('/s') s(@Security(scoped, { scopes: ['read'] }) _a: unknown, @Security(scoped, { scopes: ['write'] }) _b: unknown, @Security(scoped, { scopes: ['read'] }) _c: unknown) {
        return null;
      }
    }
    const built = plan(Scoped, 's');
    expect(built.nodes.filter((node) => node.original === scoped).map((node) => node.security)).toEqual([['read'], ['write']]);
    expect(built.description.security).toEqual([{ name: 'HTTPBearer', scheme: { type: 'http', scheme: 'bearer' }, scopes: ['read', 'write'] }]);
  });
});

describe('scopes and cycles', () => {
  function perRequest() {
    return 1;
  }
  const perFunction = dependency({}, function perFunction() {
    return 2;
  }, { scope: 'function' });
  const needsFunction = dependency({ f: Depends(perFunction) }, function needsFunction({ f }) {
    return f;
  });
  const holdsFunction = dependency({ f: Depends(perFunction) }, function* holdsFunction({ f }) {
    yield f;
  });
  const appScoped = dependency({ q: Query('q') }, function appScoped({ q }) {
    return q;
  }, { scope: 'app' });
  const shared = dependency({ r: Depends(perRequest) }, function shared({ r }) {
    return r;
  }, { scope: 'app' });

  @Controller()
  class Scopes {
    @Get('/plain') plain(@Depends(needsFunction) _v: number) {
      return null;
    }
    @Get('/narrow') narrow(@Depends(holdsFunction) _v: number) {
      return null;
    }
    @Get('/reads') reads(@Depends(appScoped) _v: string) {
      return null;
    }
    @Get('/shared') shared(@Depends(shared) _v: number) {
      return null;
    }
  }

  it("refuses an exit code that would outlive what it holds (FastAPI's rule), and an app scope reaching into a request", () => {
    expect(build(Scopes, 'narrow')).toThrow(
      'Scopes.narrow() → holdsFunction input "f" (@Depends(perFunction)): a request-scoped generator dependency cannot depend on perFunction, which is function-scoped (its exit code runs before the response is sent) [TRELLIS_DEPENDENCY_SCOPE]',
    );
    // A plain dependency cleans nothing up: it may read a function-scoped one.
    expect(plan(Scopes, 'plain').nodes.map((node) => [node.label, node.scope])).toEqual([
      ['needsFunction → perFunction', 'function'],
      ['needsFunction', 'request'],
    ]);
    expect(build(Scopes, 'shared')).toThrow('an app-scoped dependency cannot depend on perRequest, which is request-scoped [TRELLIS_DEPENDENCY_SCOPE]');
  });

  it('refuses an app-scoped dependency that reads the request', () => {
    expect(build(Scopes, 'reads')).toThrow("an app-scoped dependency cannot read @Query('q'); it lives longer than any request [TRELLIS_DEPENDENCY_SCOPE]");
  });

  it('names a cycle through every dependency in it', () => {
    function loopB(): number {
      return 0;
    }
    const loopA = dependency({ b: Depends(loopB) }, function loopA({ b }) {
      return b;
    });
    // loopB depends back on loopA.
    dependency({ a: Depends(loopA) }, loopB as never);
    @Controller()
    class Cyclic {
      @Get('/c') c(@Depends(loopA) _v: number) {
        return null;
      }
    }
    expect(build(Cyclic, 'c')).toThrow('Cyclic.c(): dependency cycle loopA → loopB → loopA [TRELLIS_DEPENDENCY_CYCLE]');
  });
});

describe('inputs and misdeclarations', () => {
  class ItemIn {
    @IsString() name!: string;
  }

  @Controller('/items')
  class Items {
    @Post('/:id') create(@Path('id', { type: 'integer' }) _id: number, @Body() _item: ItemIn, @Depends(token) _t: string) {
      return null;
    }
    @Get('/:id') wrongPath(@Path('itemId') _id: string) {
      return null;
    }
    @Get('') bodyOnGet(@Body() _item: ItemIn) {
      return null;
    }
    @Post('/both') both(@Body() _item: ItemIn, @Body('extra') _extra: string) {
      return null;
    }
    @Get('/nothing') noSource(_mystery: Map<string, string>) {
      return null;
    }
  }

  it("describes every input in declaration order (a dependency's where it is used), as frozen data", () => {
    const built = plan(Items, 'create');
    expect(built.description.inputs.map((input) => [input.in, input.name, input.required])).toEqual([
      ['path', 'id', true],
      ['body', undefined, true],
      ['header', 'x-token', true],
    ]);
    expect(Object.isFrozen(built.description)).toBe(true);
    expect(Object.isFrozen(built.description.inputs[0])).toBe(true);
    expect(built.description).toMatchObject({ method: 'POST', url: '/items/:id', status: 200, label: 'Items.create()', handlerName: 'create', controllerName: 'Items' });
  });

  it.each([
    ['wrongPath', "Items.wrongPath() parameter #0 (@Path('itemId')): @Path('itemId') is not in the route path (it has :id) [TRELLIS_PATH_PARAM_UNKNOWN]"],
    ['bodyOnGet', 'Items.bodyOnGet() parameter #0 (@Body()): GET requests carry no body; use @Query instead [TRELLIS_BODY_ON_GET]'],
    ['both', "Items.both(): @Body() reads the whole body, so it cannot be combined with other body parameters; name each one (@Body('user'), @Body('item')) [TRELLIS_BODY_CONFLICT]"],
    ['noSource', 'Items.noSource() parameter #0: no source decorator (@Path, @Query, @Header, @Cookie, @Body, @Depends…) and type Map is not injectable [TRELLIS_PARAM_NO_SOURCE]'],
  ])('%s is refused at start-up', (handler, message) => {
    expect(build(Items, handler)).toThrow(message);
  });
});
