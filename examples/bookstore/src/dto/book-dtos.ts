import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';

/** A new book, or a full replacement. */
export class BookIn {
  @Length(1, 200) title!: string;
  @Length(1, 120) author!: string;
  @IsInt() @Min(0) @Max(1_000_000) priceCents!: number;
  @IsInt() @Min(0) stock!: number;
}

/** A partial update: only the fields sent change. */
export class BookPatch {
  @IsOptional() @Length(1, 200) title?: string;
  @IsOptional() @Length(1, 120) author?: string;
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) priceCents?: number;
  @IsOptional() @IsInt() @Min(0) stock?: number;
}

export class BookOut {
  @IsInt() id!: number;
  @Length(1, 200) title!: string;
  @Length(1, 120) author!: string;
  @IsInt() priceCents!: number;
  @IsInt() stock!: number;
  @IsInt() sellerId!: number;
}
