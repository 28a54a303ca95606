import 'reflect-metadata';
import { Body, Controller, Get, ModelConfig, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { Expose } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Min } from 'class-validator';

// #region lax
class Order {
  @IsInt() @Min(1) quantity!: number;
  @IsNumber() price!: number;
  @IsBoolean() gift!: boolean;
  @IsOptional() @IsString() @Expose({ name: 'couponCode' }) coupon?: string;
}
// #endregion lax

// #region strict
@ModelConfig({ strict: true })
class Payment {
  @IsInt() amountCents!: number;
}
// #endregion strict

class OrderSummary {
  @IsInt() id!: number;
  @IsInt() quantity!: number;
}

@Controller('/orders')
class Orders {
  @Post('')
  create(@Body() order: Order) {
    return order;
  }

  @Post('/pay')
  pay(@Body() payment: Payment) {
    return payment;
  }

  // #region response
  @Get('/latest', { responseModel: OrderSummary })
  latest() {
    return { id: '17', quantity: '2' }; // e.g. a row from a driver that returns numbers as strings
  }
  // #endregion response
}

export const app = createApp().include(Orders);

// #region app
export const strictApp = createApp({ strict: true }).include(Orders);
// #endregion app
