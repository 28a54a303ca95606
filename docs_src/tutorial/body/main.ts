import 'reflect-metadata';
import { Body, Controller, Path, Post, Put, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { IsNumber, IsOptional, IsString, MaxLength, Min } from 'class-validator';

// #region dto
class Item {
  @IsString() @MaxLength(50) name!: string;
  @IsOptional() @IsString() description?: string;
  @IsNumber() @Min(0) price!: number;
  @IsOptional() @IsNumber() tax?: number;
}
// #endregion dto

@Controller('/items')
class Items {
  // #region create
  @Post('')
  create(@Body() item: Item) {
    const priceWithTax = item.tax === undefined ? undefined : item.price + item.tax;
    return { ...item, priceWithTax };
  }
  // #endregion create

  // #region update
  @Put('/:itemId')
  update(@Path('itemId', { type: 'integer' }) itemId: number, @Body() item: Item, @Query('q', { optional: true }) q?: string) {
    return { itemId, ...item, q: q ?? null };
  }
  // #endregion update

  // #region embed
  @Post('/:itemId/rename')
  rename(@Path('itemId', { type: 'integer' }) itemId: number, @Body('name') name: string, @Body('importance', { type: 'integer', minimum: 1 }) importance: number) {
    return { itemId, name, importance };
  }
  // #endregion embed
}

export const app = createApp().include(Items);
