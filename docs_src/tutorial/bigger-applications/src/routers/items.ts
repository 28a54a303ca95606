import { Controller, Get, HTTPException, Path } from '@trellis/metadata';

const items: Record<string, { name: string }> = { plumbus: { name: 'Plumbus' }, gun: { name: 'Portal Gun' } };

@Controller('/items')
export class Items {
  @Get('')
  list() {
    return items;
  }

  @Get('/:itemId')
  read(@Path('itemId') itemId: string) {
    const item = items[itemId];
    if (!item) throw new HTTPException(404, 'Item not found');
    return { name: item.name, itemId };
  }
}
