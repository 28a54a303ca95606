import 'reflect-metadata';
import { Controller, Get, Path } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

// #region enum
enum ModelName {
  alexnet = 'alexnet',
  resnet = 'resnet',
  lenet = 'lenet',
}
// #endregion enum

@Controller()
class Items {
  // #region items
  @Get('/items/:itemId')
  readItem(@Path('itemId', { type: 'integer' }) itemId: number) {
    return { itemId };
  }
  // #endregion items

  // #region models
  @Get('/models/{modelName}')
  getModel(@Path('modelName', { enum: ModelName }) modelName: ModelName) {
    if (modelName === ModelName.alexnet) return { modelName, message: 'Deep Learning FTW!' };
    return { modelName, message: 'Have some residuals' };
  }
  // #endregion models
}

export const app = createApp().include(Items);
