import 'reflect-metadata';
import { Body, Controller, EnumName, Get, Path, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { IsEnum } from 'class-validator';

export enum ModelName {
  Alexnet = 'alexnet',
  Resnet = 'resnet',
  Lenet = 'lenet',
}

class Training {
  @IsEnum(ModelName) @EnumName('ModelName') model!: ModelName; // → $ref: '#/components/schemas/ModelName'
  @IsEnum(ModelName, { each: true }) @EnumName('ModelName') fallbacks!: ModelName[]; // same component
}

@Controller('/models')
class Models {
  @Get('/:name')
  get(@Path('name', { enum: ModelName, enumName: 'ModelName' }) name: ModelName) {
    return { name };
  }

  @Post('/train')
  train(@Body() training: Training) {
    return training;
  }
}

export const app = createApp().include(Models).use(openapi());
