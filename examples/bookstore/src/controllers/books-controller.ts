import { Body, Controller, Delete, Depends, Get, HTTPException, Patch, Path, Post, Put, Query } from '@trellis/metadata';
import { currentUser } from '../auth/current-user';
import { deleteBook, findBook, insertBook, listBooks, updateBook, type BookRow } from '../database/books';
import { getDb } from '../database/get-db';
import type { Db } from '../database/store';
import type { UserRow } from '../database/users';
import { BookIn, BookOut, BookPatch } from '../dto/book-dtos';

const NOT_FOUND = { 404: { description: 'Book not found' } };
const NOT_YOURS = { 403: { description: 'The book belongs to another seller' } };

/** The catalogue: anyone can browse; signed-in users sell, and only the seller edits a book. */
@Controller('/books', { tags: ['books'] })
export class BooksController {
  @Get('', { responseModel: [BookOut] })
  readBooks(
    @Depends(getDb) db: Db,
    @Query('q', { type: 'string', optional: true, maxLength: 100, description: 'Search in titles and authors' }) search: string | undefined,
    @Query('limit', { type: 'integer', default: 20, minimum: 1, maximum: 100 }) limit: number,
    @Query('offset', { type: 'integer', default: 0, minimum: 0 }) offset: number,
  ): BookRow[] {
    return listBooks(db, { search, limit, offset });
  }

  @Get('/:id', { responseModel: BookOut, responses: NOT_FOUND })
  readBook(@Path('id', { type: 'integer' }) id: number, @Depends(getDb) db: Db): BookRow {
    return bookOr404(db, id);
  }

  @Post('', { status: 201, responseModel: BookOut })
  sellBook(@Body() book: BookIn, @Depends(currentUser) seller: UserRow, @Depends(getDb) db: Db): BookRow {
    return insertBook(db, seller.id, book);
  }

  @Put('/:id', { responseModel: BookOut, responses: { ...NOT_FOUND, ...NOT_YOURS } })
  replaceBook(@Path('id', { type: 'integer' }) id: number, @Body() book: BookIn, @Depends(currentUser) seller: UserRow, @Depends(getDb) db: Db): BookRow {
    sellersBookOr403(db, id, seller);
    return updateBook(db, id, book);
  }

  @Patch('/:id', { responseModel: BookOut, responses: { ...NOT_FOUND, ...NOT_YOURS } })
  editBook(@Path('id', { type: 'integer' }) id: number, @Body() patch: BookPatch, @Depends(currentUser) seller: UserRow, @Depends(getDb) db: Db): BookRow {
    const book = sellersBookOr403(db, id, seller);
    // An optional field that was not sent is undefined on the DTO: keep the stored value.
    return updateBook(db, id, {
      title: patch.title ?? book.title,
      author: patch.author ?? book.author,
      priceCents: patch.priceCents ?? book.priceCents,
      stock: patch.stock ?? book.stock,
    });
  }

  @Delete('/:id', { status: 204, responses: { ...NOT_FOUND, ...NOT_YOURS, 409: { description: 'The book has been ordered' } } })
  removeBook(@Path('id', { type: 'integer' }) id: number, @Depends(currentUser) seller: UserRow, @Depends(getDb) db: Db): void {
    sellersBookOr403(db, id, seller);
    if (!deleteBook(db, id)) throw new HTTPException(409, 'The book has been ordered and stays in the catalogue');
  }
}

function bookOr404(db: Db, id: number): BookRow {
  const book = findBook(db, id);
  if (!book) throw new HTTPException(404, 'Book not found');
  return book;
}

function sellersBookOr403(db: Db, id: number, seller: UserRow): BookRow {
  const book = bookOr404(db, id);
  if (book.sellerId !== seller.id) throw new HTTPException(403, 'Only the seller may change this book');
  return book;
}
