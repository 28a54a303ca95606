import { Controller, Get, Path } from '@trellis/metadata';

@Controller('/users', { tags: ['users'] })
export class Users {
  @Get('')
  list() {
    return [{ username: 'Rick' }, { username: 'Morty' }];
  }

  @Get('/:username')
  read(@Path('username') username: string) {
    return { username };
  }
}
