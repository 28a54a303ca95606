import 'reflect-metadata';
import { Controller, Get, ModelConfig, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

// #region model
@ModelConfig({ extra: 'forbid' }) // an unknown query parameter is a 422
class FilterParams {
  @IsOptional() @IsInt() @Min(1) @Max(100) limit: number = 100;
  @IsOptional() @IsInt() @Min(0) offset: number = 0;
  @IsOptional() @IsIn(['created_at', 'updated_at']) order_by: string = 'created_at';
  @IsOptional() @IsString({ each: true }) tags: string[] = [];
}

@Controller('/items')
class Items {
  @Get('')
  list(@Query() filters: FilterParams) {
    return filters;
  }
}
// #endregion model

export const app = createApp().include(Items).use(openapi());
