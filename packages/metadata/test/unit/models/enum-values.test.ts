import { enumValues } from '@trellis/metadata';

enum Level {
  Low = 1,
  High = 2,
}
enum Color {
  Red = 'red',
  Green = 'green',
}
enum Mixed {
  Off = 0,
  On = 'on',
}

describe('enumValues', () => {
  it('leaves out the reverse mappings of numeric members', () => {
    expect(Object.keys(Level)).toEqual(['1', '2', 'Low', 'High']);
    expect(enumValues(Level)).toEqual([1, 2]);
  });

  it('keeps string members and mixed enums as declared', () => {
    expect(enumValues(Color)).toEqual(['red', 'green']);
    expect(enumValues(Mixed)).toEqual([0, 'on']);
  });

  it('keeps a string member whose value is another member name (it is no reverse mapping)', () => {
    // The old reporting rule dropped `A` here because record['B'] is a number.
    expect(enumValues({ A: 'B', B: 1 })).toEqual(['B', 1]);
    // A numeric-looking key is a reverse mapping only when it points back at its own number.
    expect(enumValues({ '1': 'One', One: 2 })).toEqual(['One', 2]);
  });

  it('takes an array of values as is, and nothing else', () => {
    expect(enumValues(['a', 1])).toEqual(['a', 1]);
    expect(enumValues(undefined)).toEqual([]);
    expect(enumValues('abc')).toEqual([]);
  });
});
