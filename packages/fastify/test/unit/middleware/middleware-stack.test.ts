import { JSONResponse, Response } from '@trellis/metadata';
import type { Request } from '../../../src/request';
import { composeMiddleware } from '../../../src/middleware/compose-middleware';
import type { MiddlewareFunction } from '../../../src/middleware/middleware';
import { MiddlewareStack } from '../../../src/middleware/middleware-stack';

const named = (name: string): MiddlewareFunction => Object.defineProperty(async (_r: Request, next: () => Promise<Response>) => next(), 'name', { value: name });
const names = (list: MiddlewareFunction[]) => list.map((m) => m.name);

describe('MiddlewareStack', () => {
  const stack = new MiddlewareStack();
  stack.add(named('global1'));
  stack.add(named('admin'), '/admin/');
  stack.add(named('global2'));
  stack.add(named('root'), '/');

  it('orders innermost first: include-scoped, then prefix-scoped, then app-wide (last added outermost)', () => {
    expect(names(stack.for('/admin/users/:id', [named('include')]))).toEqual(['include', 'admin', 'root', 'global1', 'global2']);
  });

  it('matches a prefix on segment boundaries only', () => {
    expect(names(stack.for('/admin'))).toEqual(['admin', 'root', 'global1', 'global2']);
    expect(names(stack.for('/administrator'))).toEqual(['root', 'global1', 'global2']);
  });

  it('is empty when nothing applies', () => {
    expect(new MiddlewareStack().for('/x')).toEqual([]);
  });
});

describe('composeMiddleware', () => {
  const request = {} as Request;

  it('runs the first of the list innermost and converts throws into responses at each layer', async () => {
    const seen: string[] = [];
    const inner: MiddlewareFunction = () => {
      throw new Error('inner failed');
    };
    const outer: MiddlewareFunction = async (r, next) => {
      const response = await next(r);
      seen.push(`outer saw ${response.status}`);
      return response;
    };
    const run = composeMiddleware([inner, outer], async () => new Response('never'), async (error) =>
      new JSONResponse({ detail: (error as Error).message }, { status: 500 }),
    );
    const response = await run(request);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ detail: 'inner failed' });
    expect(seen).toEqual(['outer saw 500']);
  });

  it('passes the same request when callNext is called without one', async () => {
    let received: Request | undefined;
    const run = composeMiddleware([async (_r, next) => next()], async (r) => ((received = r), new Response('ok')), async () => new Response('error'));
    await run(request);
    expect(received).toBe(request);
  });
});
