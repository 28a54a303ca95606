import 'reflect-metadata';
import { BackgroundTasks, Body, Controller, Post, Tasks } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { IsEmail } from 'class-validator';

export const sent: string[] = []; // stands in for a mail server

// #region task
async function sendWelcome(email: string, message: string) {
  await new Promise((resolve) => setTimeout(resolve, 10)); // slow work, after the response
  sent.push(`to ${email}: ${message}`);
}
// #endregion task

class SignUp {
  @IsEmail() email!: string;
}

@Controller()
class Users {
  // #region handler
  @Post('/users', { status: 201 })
  signUp(@Body() user: SignUp, @Tasks() tasks: BackgroundTasks) {
    tasks.addTask(sendWelcome, user.email, 'Welcome!');
    return { email: user.email, welcome: 'on its way' };
  }
  // #endregion handler
}

export const app = createApp().include(Users);
