import 'reflect-metadata';
import { Body, Controller, discriminatedUnion, Get, Path, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Min, ValidateNested } from 'class-validator';

// #region variants
class Cat {
  @IsIn(['cat']) pet_type!: 'cat'; // every variant declares the tag
  @IsBoolean() meows!: boolean;
}

class Dog {
  @IsIn(['dog']) pet_type!: 'dog';
  @IsInt() @Min(0) barks!: number;
}
// #endregion variants

// #region field
class Owner {
  @IsString() name!: string;
  @ValidateNested()
  @Type(() => Object, {
    discriminator: {
      property: 'pet_type',
      subTypes: [
        { value: Cat, name: 'cat' },
        { value: Dog, name: 'dog' },
      ],
    },
    keepDiscriminatorProperty: true,
  })
  pet!: Cat | Dog;
}
// #endregion field

// #region whole
const Pet = discriminatedUnion({
  property: 'pet_type',
  subTypes: [
    { value: Cat, name: 'cat' },
    { value: Dog, name: 'dog' },
  ],
});
// #endregion whole

@Controller()
class Pets {
  // #region routes
  @Post('/owners', { responseModel: Owner })
  adopt(@Body() owner: Owner) {
    return owner; // owner.pet is a Cat or a Dog instance
  }

  @Post('/pets', { responseModel: Pet })
  create(@Body(undefined, { type: Pet }) pet: Cat | Dog) {
    return pet;
  }
  // #endregion routes

  // #region scalars
  @Get('/items/:ref')
  item(@Path('ref', { type: ['integer', 'string'], unionMode: 'left_to_right' }) ref: number | string) {
    return typeof ref === 'number' ? { by: 'id', ref } : { by: 'slug', ref };
  }
  // #endregion scalars
}

export const app = createApp().include(Pets).use(openapi());
