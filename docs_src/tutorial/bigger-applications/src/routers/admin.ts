import { Controller, Post } from '@trellis/metadata';

@Controller()
export class Admin {
  @Post('/')
  update() {
    return { message: 'Admin getting schwifty' };
  }
}
