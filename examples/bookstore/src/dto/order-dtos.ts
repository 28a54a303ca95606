import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsISO8601, IsString, Max, Min, ValidateNested } from 'class-validator';

export class OrderLineIn {
  @IsInt() @Min(1) bookId!: number;
  @IsInt() @Min(1) @Max(100) quantity!: number;
}

/** An order: one line per book. */
export class OrderIn {
  @ValidateNested({ each: true }) @Type(() => OrderLineIn) @ArrayMinSize(1) @ArrayMaxSize(50)
  @ArrayUnique((line: OrderLineIn) => line.bookId, { message: 'each book may appear only once per order' })
  lines!: OrderLineIn[];
}

export class OrderLineOut {
  @IsInt() bookId!: number;
  @IsString() title!: string;
  @IsInt() quantity!: number;
  @IsInt() unitPriceCents!: number;
}

export class OrderOut {
  @IsInt() id!: number;
  @IsInt() totalCents!: number;
  @IsISO8601() createdAt!: string;
  @ValidateNested({ each: true }) @Type(() => OrderLineOut) lines!: OrderLineOut[];
}
