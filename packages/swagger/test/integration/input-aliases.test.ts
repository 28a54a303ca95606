import 'reflect-metadata';
import { Body, Controller, Get, Post, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { openapi, type OpenAPIDocument } from '@trellis/swagger';
import { Expose } from 'class-transformer';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

/* A field renamed with `@Expose({ name })` is documented under the name the validator reads and the serializer writes. */

class Profile {
  @Expose({ name: 'userName' }) @IsString() name!: string;
  @IsOptional() @IsInt() age?: number;
}

class Paging {
  @Expose({ name: 'sort-by' }) @IsOptional() @IsString() sortBy?: string;
}

@Controller()
class Profiles {
  @Post('/profiles', { responseModel: Profile })
  create(@Body() profile: Profile) {
    return profile;
  }

  @Get('/profiles')
  list(@Query() paging: Paging) {
    return paging;
  }
}

test('input schemas and query parameters use the external name', async () => {
  const app = createApp({ title: 'Aliases', version: '1.0.0' });
  app.include(Profiles);
  app.use(openapi());
  const client = new TestClient(app);
  const doc = (await client.get('/openapi.json')).json<OpenAPIDocument>();
  expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  // One schema for both directions: the same key is read and written.
  const profile = doc.components!.schemas!['Profile'] as { properties: Record<string, unknown>; required: string[] };
  expect(Object.keys(doc.components!.schemas!).filter((name) => name.startsWith('Profile'))).toEqual(['Profile']);
  expect(Object.keys(profile.properties)).toEqual(['userName', 'age']);
  expect(profile.properties['userName']).toEqual({ type: 'string', title: 'User Name' });
  expect(profile.required).toEqual(['userName']);
  expect(doc.paths['/profiles']!.get!.parameters).toEqual([
    { name: 'sort-by', in: 'query', required: false, schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Sort By' } },
  ]);
  const res = await client.post('/profiles', { json: { userName: 'Ada', age: 36 } });
  expect(res.text).toBe('{"userName":"Ada","age":36}');
  await app.close();
});
