import { BackgroundTasks, Body, Controller, Depends, Get, HTTPException, Path, Post } from '@trellis/metadata';
import { currentUser } from '../auth/current-user';
import { getDb } from '../database/get-db';
import { findOrder, listOrders, type OrderRow } from '../database/orders';
import type { Db } from '../database/store';
import type { UserRow } from '../database/users';
import { OrderIn, OrderOut } from '../dto/order-dtos';
import { placeOrder } from '../orders/place-order';
import { sendConfirmation } from '../orders/send-confirmation';

/** The signed-in user's orders. */
@Controller('/orders', { tags: ['orders'] })
export class OrdersController {
  @Post('', {
    status: 201,
    responseModel: OrderOut,
    responses: { 404: { description: 'A book does not exist' }, 409: { description: 'Not enough copies in stock' } },
  })
  orderBooks(
    @Body() order: OrderIn,
    @Depends(currentUser) user: UserRow,
    @Depends(getDb) db: Db,
    tasks: BackgroundTasks,
  ): OrderRow {
    const placed = placeOrder(db, user.id, order.lines);
    // Runs (or is enqueued) after the 201 is sent, and only if the handler returned (an
    // InsufficientStock error means no order and no confirmation). One job per order, whatever
    // happens: its id is the order's.
    tasks.add(sendConfirmation, { orderId: placed.id, recipient: user.email }, { jobId: `order-${placed.id}` });
    return placed;
  }

  @Get('', { responseModel: [OrderOut] })
  readOrders(@Depends(currentUser) user: UserRow, @Depends(getDb) db: Db): OrderRow[] {
    return listOrders(db, user.id);
  }

  @Get('/:id', { responseModel: OrderOut, responses: { 404: { description: 'Order not found' } } })
  readOrder(@Path('id', { type: 'integer' }) id: number, @Depends(currentUser) user: UserRow, @Depends(getDb) db: Db): OrderRow {
    const order = findOrder(db, id);
    // Someone else's order is "not found", not "forbidden": ids are not confirmed to strangers.
    if (!order || order.userId !== user.id) throw new HTTPException(404, 'Order not found');
    return order;
  }
}
