import { IsEmail, IsInt, IsISO8601, IsString, Length, MaxLength, MinLength } from 'class-validator';

/** Sign-up body. */
export class UserIn {
  @IsEmail() @MaxLength(254) email!: string;
  @Length(1, 80) name!: string;
  @MinLength(8) @MaxLength(128) password!: string;
}

/** What the API says about a user: no password, no hash — the model has no such field. */
export class UserOut {
  @IsInt() id!: number;
  @IsEmail() email!: string;
  @IsString() name!: string;
  @IsISO8601() createdAt!: string;
}

/** The OAuth2 token response (snake_case, as the OAuth2 specification names it). */
export class TokenOut {
  @IsString() access_token!: string;
  @IsString() token_type!: string;
  @IsInt() expires_in!: number;
}
